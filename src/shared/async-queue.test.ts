import { describe, expect, it } from "vitest";
import { AsyncQueue } from "./async-queue";

describe("AsyncQueue", () => {
  it("yields what was pushed before and while draining, and ends when closed", async () => {
    const queue = new AsyncQueue<number>();
    queue.push(1);
    const seen: number[] = [];
    const done = (async () => {
      for await (const item of queue.drain()) seen.push(item);
    })();
    await Promise.resolve();
    queue.push(2);
    setTimeout(() => (queue.push(3), queue.close(), queue.push(4)), 5);
    await done;
    expect(seen).toEqual([1, 2, 3]);
  });
});
