/** Anything that listens or allocates hands back one of these. */
export interface Disposable {
  dispose(): void;
}

export type Listener<T> = (value: T) => void;

/** A typed event source: `on` returns the Disposable that removes the listener. */
export class Emitter<T> {
  private readonly listeners = new Set<Listener<T>>();

  on(listener: Listener<T>): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  emit(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }

  get size(): number {
    return this.listeners.size;
  }

  clear(): void {
    this.listeners.clear();
  }
}
