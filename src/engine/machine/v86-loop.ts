/**
 * v86's main loop (its src/main.js): after each slice of guest code it gives the thread back
 * through `yield` (when the CPU halted, for as long as the guest may sleep) and runs the next
 * slice from `yield_callback`.
 */
export interface V86Loop {
  yield(ms: number, tick: number): void;
  yield_callback(tick: number): void;
}

/** Times every slice: `onSlice` hears how long each took. Set up before v86 first runs ("emulator-ready"). */
export function driveLoop(loop: V86Loop, onSlice: (ms: number) => void): void {
  const resume = loop.yield_callback.bind(loop);
  loop.yield_callback = (tick) => {
    const start = performance.now();
    resume(tick);
    onSlice(performance.now() - start);
  };
}
