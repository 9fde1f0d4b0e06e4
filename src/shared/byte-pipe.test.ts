import { describe, expect, it } from "vitest";
import { bytePipe } from "./byte-pipe";

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("bytePipe", () => {
  it("carries bytes both ways, keeps what comes before anyone listens, and half-closes", async () => {
    const [a, b] = bytePipe();
    await a.write(Uint8Array.of(1, 2));
    await tick();
    const atB: number[] = [];
    const atA: number[] = [];
    let bEnded = false;
    b.onData((bytes) => {
      atB.push(...bytes);
    });
    b.onEnd(() => (bEnded = true));
    a.onData((bytes) => {
      atA.push(...bytes);
    });
    a.end();
    await b.write(Uint8Array.of(3));
    await a.write(Uint8Array.of(9)); // after its end: dropped
    await tick();
    expect(atB).toEqual([1, 2]);
    expect(bEnded).toBe(true);
    expect(atA).toEqual([3]);
  });
});
