import { Emitter, type Disposable } from "../shared/disposable";
import type { FromEngine, ToEngine } from "../shared/worker-protocol";

/** The page's end of the engine worker: typed messages both ways. */
export class EngineClient implements Disposable {
  private readonly messages = new Emitter<FromEngine>();

  constructor(private readonly worker: Worker) {
    worker.onmessage = (event: MessageEvent<FromEngine>) => this.messages.emit(event.data);
    worker.onerror = (event) =>
      this.messages.emit({ type: "error", kind: "Internal", message: `the engine worker failed: ${event.message}` });
  }

  on(listener: (message: FromEngine) => void): Disposable {
    return this.messages.on(listener);
  }

  send(message: ToEngine): void {
    this.worker.postMessage(message);
  }

  dispose(): void {
    this.messages.clear();
    this.worker.terminate();
  }
}
