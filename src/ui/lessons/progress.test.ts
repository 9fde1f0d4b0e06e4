import { describe, expect, it } from "vitest";
import { loadProgress, PROGRESS_KEY, saveProgress } from "./progress";

function storage(initial?: string) {
  const items = new Map<string, string>(initial === undefined ? [] : [[PROGRESS_KEY, initial]]);
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
}

describe("progress", () => {
  it("round-trips the current lesson, the steps done, and the pane folded", () => {
    const store = storage();
    saveProgress(() => store, { current: "containers", done: { containers: ["first-run", "detached"] }, folded: true });
    expect(loadProgress(() => store)).toEqual({ current: "containers", done: { containers: ["first-run", "detached"] }, folded: true });
  });

  it("treats missing or damaged progress as none", () => {
    expect(loadProgress(() => storage())).toEqual({ done: {} });
    expect(loadProgress(() => storage("{not json"))).toEqual({ done: {} });
    expect(loadProgress(() => storage('{"current": 3, "done": {"a": ["x", 1], "b": "y"}, "folded": "yes"}'))).toEqual({ done: { a: ["x"] } });
  });

  it("does without storage where the page may not keep data (reading localStorage throws)", () => {
    const blocked = () => {
      throw new DOMException("The operation is insecure.", "SecurityError");
    };
    expect(loadProgress(blocked)).toEqual({ done: {} });
    expect(() => saveProgress(blocked, { done: {} })).not.toThrow();
  });
});
