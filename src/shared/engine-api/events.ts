/** One of Docker's events, as `GET /events` streams them (the swagger's EventMessage). */
export interface EventMessage {
  /** The fields before API 1.22, which Docker still sends for containers and images. */
  status?: string;
  id?: string;
  from?: string;
  /** Drydock sends container and image events; Docker has these others too. */
  Type: "builder" | "config" | "container" | "daemon" | "image" | "network" | "node" | "plugin" | "secret" | "service" | "volume";
  Action: string;
  Actor: EventActor;
  scope: "local";
  time: number;
  timeNano: number;
}

export interface EventActor {
  ID: string;
  Attributes: Record<string, string>;
}
