import { Emitter, type Disposable } from "../../shared/disposable";

/** One of Docker's events, as `GET /events` streams them. */
export interface DockerEvent {
  status?: string;
  id?: string;
  from?: string;
  Type: "container" | "image";
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
  scope: "local";
  time: number;
  timeNano: number;
}

/** The daemon's events: live to listeners, and the recent ones kept for `--since`. */
export class EventLog {
  private readonly history: DockerEvent[] = [];
  private readonly emitter = new Emitter<DockerEvent>();

  constructor(private readonly keep = 1000) {}

  emit(type: DockerEvent["Type"], action: string, id: string, attributes: Record<string, string>): void {
    const now = Date.now();
    const event: DockerEvent = {
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

  since(seconds: number): DockerEvent[] {
    return this.history.filter((event) => event.time >= seconds);
  }

  on(listener: (event: DockerEvent) => void): Disposable {
    return this.emitter.on(listener);
  }
}
