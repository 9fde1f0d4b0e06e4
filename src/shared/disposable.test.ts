import { describe, expect, it } from "vitest";
import { Emitter } from "./disposable";

describe("Emitter", () => {
  it("delivers to listeners until their Disposable is disposed", () => {
    const emitter = new Emitter<number>();
    const seen: number[] = [];
    const subscription = emitter.on((n) => seen.push(n));
    emitter.emit(1);
    subscription.dispose();
    emitter.emit(2);
    expect(seen).toEqual([1]);
    expect(emitter.size).toBe(0);
  });
});
