// The machine is the same code in a Node worker thread as on the main thread.
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";

describe("the machine in a worker_threads Worker", () => {
  it("restores the snapshot and runs a command there", async () => {
    const worker = new Worker(new URL("./fixtures/worker-entry.mjs", import.meta.url));
    const answer = await new Promise((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    await worker.terminate();
    expect(answer).toEqual({ mode: "snapshot", output: "i686\ndrydock\n", status: 0 });
  });
});
