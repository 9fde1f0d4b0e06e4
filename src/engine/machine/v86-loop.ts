import type { SliceScheduler } from "./slice-scheduler";

/**
 * v86's main loop (its src/main.js): after each slice of guest code it gives the thread back
 * through `yield` (when the CPU halted, for as long as the guest may sleep) and runs the next
 * slice from `yield_callback`, dropping the calls of any but its latest `tick`.
 */
export interface V86Loop {
  yield(ms: number, tick: number): void;
  yield_callback(tick: number): void;
  /** Ends the second worker v86 yields through in a browser (a no-op in Node). */
  unregister_yield(): void;
}

/**
 * Times every slice: `onSlice` hears how long each took. With a `scheduler`, the slices run
 * through it instead of v86's own yield. Set up before v86 first runs ("emulator-ready").
 */
export function driveLoop(loop: V86Loop, onSlice: (ms: number) => void, scheduler?: SliceScheduler): void {
  const resume = loop.yield_callback.bind(loop);
  loop.yield_callback = (tick) => {
    const start = performance.now();
    resume(tick);
    onSlice(performance.now() - start);
  };
  if (!scheduler) return;
  loop.unregister_yield();
  loop.yield = (ms, tick) => scheduler.schedule(ms, () => loop.yield_callback(tick));
}
