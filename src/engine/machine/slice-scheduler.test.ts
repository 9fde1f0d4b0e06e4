import { afterEach, describe, expect, it } from "vitest";
import { channelScheduler, type SliceScheduler } from "./slice-scheduler";

describe("channelScheduler", () => {
  let scheduler: SliceScheduler;
  afterEach(() => scheduler.dispose());

  /** Records the slices run; `next(name)` schedules one now and resolves once it ran. */
  function recorder() {
    const ran: string[] = [];
    const slice = (name: string) => () => void ran.push(name);
    const next = (name: string) => new Promise<void>((resolve) => scheduler.schedule(0, () => (ran.push(name), resolve())));
    return { ran, slice, next };
  }

  it("runs a slice asked for now on a later turn of the thread, not within the call", async () => {
    scheduler = channelScheduler();
    const { ran, next } = recorder();
    const done = next("slice");
    expect(ran).toEqual([]);
    await done;
    expect(ran).toEqual(["slice"]);
  });

  it("runs only the latest of the requests made before the thread was free", async () => {
    scheduler = channelScheduler();
    const { ran, slice, next } = recorder();
    scheduler.schedule(0, slice("first"));
    scheduler.schedule(0.5, slice("second"));
    await next("third");
    await next("after");
    expect(ran).toEqual(["third", "after"]);
  });

  it("a wake-up replaces a slice waiting on a guest timer", async () => {
    scheduler = channelScheduler();
    const { ran, slice, next } = recorder();
    scheduler.schedule(60_000, slice("timer"));
    await next("woken");
    expect(ran).toEqual(["woken"]);
  });

  it("runs a timed slice once its timer fired, and not the request it replaced", async () => {
    scheduler = channelScheduler();
    const { ran, slice } = recorder();
    scheduler.schedule(0, slice("now"));
    await new Promise<void>((resolve) => scheduler.schedule(20, () => (ran.push("later"), resolve())));
    expect(ran).toEqual(["later"]);
  });

  it("runs nothing once disposed", async () => {
    scheduler = channelScheduler();
    const { ran, slice } = recorder();
    scheduler.schedule(0, slice("now"));
    scheduler.schedule(1, slice("timed"));
    scheduler.dispose();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(ran).toEqual([]);
  });
});
