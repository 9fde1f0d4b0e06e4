import { Emitter, type Disposable } from "../shared/disposable";
import type { FromEngine, ToEngine } from "../shared/worker-protocol";

/** The page's side of a channel carrying messages to and from the engine worker. */
export interface EngineMessages {
  on(listener: (message: FromEngine) => void): Disposable;
  send(message: ToEngine): void;
}

/**
 * The page's end of the engine worker: typed messages both ways. Messages that arrive before
 * anyone listens (the worker starts before the UI has loaded) are kept and handed to the first
 * listener, so no progress, notice or console byte is lost.
 */
export class EngineWorkerChannel implements EngineMessages, Disposable {
  private readonly messages = new Emitter<FromEngine>();
  private early: FromEngine[] | undefined = [];

  constructor(private readonly worker: Worker) {
    worker.onmessage = (event: MessageEvent<FromEngine>) => this.deliver(event.data);
    worker.onerror = (event) => this.deliver({ type: "error", kind: "Internal", message: `the engine worker failed: ${event.message}` });
  }

  on(listener: (message: FromEngine) => void): Disposable {
    const subscription = this.messages.on(listener);
    const early = this.early;
    this.early = undefined;
    early?.forEach(listener);
    return subscription;
  }

  send(message: ToEngine): void {
    this.worker.postMessage(message);
  }

  dispose(): void {
    this.messages.clear();
    this.worker.terminate();
  }

  private deliver(message: FromEngine): void {
    if (this.early) this.early.push(message);
    else this.messages.emit(message);
  }
}
