import { AsyncQueue } from "../../shared/async-queue";
import { Emitter, type Disposable } from "../../shared/disposable";
import type { EventMessage } from "../../shared/engine-api/events";
import type { Container } from "../container/container";
import { eventFilter } from "./filters/event-filters";
import type { Filters } from "./filters/filters";

export interface EventsOptions {
  /** Milliseconds since the epoch: the recent events from then come first. */
  sinceMs?: number;
  /** Milliseconds since the epoch: the stream ends then. */
  untilMs?: number;
  filters: Filters;
  /** The client went away. */
  signal: AbortSignal;
}

/** The daemon's events: live to listeners, and the recent ones kept for `--since`. */
export class EventLog {
  private readonly history: EventMessage[] = [];
  private readonly emitter = new Emitter<EventMessage>();

  constructor(private readonly keep = 1000) {}

  emit(type: EventMessage["Type"], action: string, id: string, attributes: Record<string, string>): void {
    const now = Date.now();
    const event: EventMessage = {
      ...(type === "container" ? { status: action, id, from: attributes.image ?? "" } : { status: action, id }),
      Type: type,
      Action: action,
      Actor: { ID: id, Attributes: attributes },
      scope: "local",
      time: Math.floor(now / 1000),
      timeNano: now * 1_000_000,
    };
    this.history.push(event);
    if (this.history.length > this.keep) this.history.shift();
    this.emitter.emit(event);
  }

  /** A container's event, with its labels, image and name as Docker's attributes. */
  container(container: Container, action: string, extra: Record<string, string> = {}): void {
    const attributes: Record<string, string> = { ...(container.config.Labels ?? {}), image: container.config.Image ?? "", name: container.name.slice(1), ...extra };
    this.emit("container", action, container.id, attributes);
  }

  since(seconds: number): EventMessage[] {
    return this.history.filter((event) => event.time >= seconds);
  }

  on(listener: (event: EventMessage) => void): Disposable {
    return this.emitter.on(listener);
  }

  /**
   * `GET /events`: the recent events from `since`, then live ones until `until` or the client
   * leaves. Listening starts at once, so nothing emitted before the first read is missed.
   */
  subscribe(options: EventsOptions): AsyncIterable<EventMessage> {
    const { sinceMs, untilMs, signal } = options;
    const matches = eventFilter(options.filters);
    const wanted = (event: EventMessage) => matches(event) && (untilMs === undefined || event.timeNano / 1e6 <= untilMs);
    const queue = new AsyncQueue<EventMessage>();
    if (sinceMs !== undefined) for (const event of this.since(sinceMs / 1000).filter(wanted)) queue.push(event);
    const subscription = this.on((event) => wanted(event) && queue.push(event));
    return (async function* () {
      const timer = untilMs !== undefined ? setTimeout(() => queue.close(), Math.max(0, untilMs - Date.now())) : undefined;
      const onAbort = () => queue.close();
      signal.addEventListener("abort", onAbort);
      if (signal.aborted) queue.close();
      try {
        yield* queue.drain();
      } finally {
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
        subscription.dispose();
      }
    })();
  }
}
