import type { Disposable } from "../../shared/disposable";

/**
 * When v86 runs its next slice of guest code: as soon as the thread is free (`ms` < 1: the
 * guest is computing, or a device just woke it) or after `ms` (its CPU halted until a timer).
 * A request replaces the one pending, as v86 itself drops all but its latest.
 */
export interface SliceScheduler extends Disposable {
  schedule(ms: number, run: () => void): void;
}

/**
 * Slices on the thread that runs the emulator, through a MessageChannel. In a browser v86 yields
 * through a second worker of its own (a message there and back for every slice of a millisecond),
 * and each hop waits for that other thread to be scheduled: on a busy two-core machine a
 * typed `docker ps` spent as long in those hops as in guest code. A timer hands over through
 * the channel too, so a chain of short guest timers is never clamped to the browser's 4 ms.
 */
export function channelScheduler(): SliceScheduler {
  const channel = new MessageChannel();
  let next: (() => void) | undefined;
  let soon = false;
  let inFlight = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const post = () => {
    soon = true;
    if (inFlight) return;
    inFlight = true;
    channel.port2.postMessage(null);
  };
  channel.port1.onmessage = () => {
    inFlight = false;
    if (!soon) return;
    soon = false;
    const run = next;
    next = undefined;
    run?.();
  };
  return {
    schedule(ms, run) {
      clearTimeout(timer);
      timer = undefined;
      next = run;
      if (ms < 1) post();
      else {
        soon = false;
        timer = setTimeout(post, ms);
      }
    },
    dispose() {
      clearTimeout(timer);
      next = undefined;
      channel.port1.close();
    },
  };
}
