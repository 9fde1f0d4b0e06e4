import { BUILD_PROGRESS_ID, type BuildMessage, type BuildProgress, type BuildVertex } from "../../../shared/engine-api/build";

/**
 * What a build tells its client, twice over: the classic builder's text (`Step 1/4 : ...`) that
 * the official CLI prints, and BuildKit-like vertices that Drydock's CLI draws. With `quiet`
 * the text is held back (Docker prints it only when the build fails).
 */
export class BuildOutput {
  private readonly started = Date.now();
  private vertices = 0;
  private held: BuildMessage[] = [];

  constructor(
    private readonly send: (message: BuildMessage) => void,
    private readonly quiet: boolean,
  ) {}

  /** Milliseconds since the build began. */
  now(): number {
    return Date.now() - this.started;
  }

  /** Classic text (a whole line or more). */
  text(text: string): void {
    const message = { stream: text };
    if (this.quiet) this.held.push(message);
    else this.send(message);
  }

  /** Any message as it is (a pull's progress, the image IDs). */
  raw(message: BuildMessage): void {
    if (this.quiet && message.aux === undefined) this.held.push(message);
    else this.send(message);
  }

  /** What `-q` held back, when the build failed after all. */
  flushHeld(): void {
    for (const message of this.held) this.send(message);
    this.held = [];
  }

  /** A vertex started: its number. */
  start(name: string, source?: BuildVertex["source"]): Vertex {
    const vertex = new Vertex(++this.vertices, name, this.now(), source, (progress) => this.progress(progress), () => this.now());
    vertex.announce();
    return vertex;
  }

  private progress(progress: BuildProgress): void {
    this.send({ id: BUILD_PROGRESS_ID, aux: progress });
  }
}

export class Vertex {
  private statuses = 0;
  /** Told cached: it is complete, no later `done` is sent for it. */
  isCached = false;

  constructor(
    readonly digest: number,
    private readonly name: string,
    private readonly started: number,
    private readonly source: BuildVertex["source"],
    private readonly send: (progress: BuildProgress) => void,
    private readonly now: () => number,
  ) {}

  announce(): void {
    this.vertex({});
  }

  /** A sub-step that is done as soon as it is told (`transferring context: 2B`). */
  status(name: string): void {
    const at = this.now();
    this.send({ statuses: [{ vertex: this.digest, id: `${this.digest}.${++this.statuses}`, name, started: at, completed: at }] });
  }

  log(stream: 1 | 2, bytes: Uint8Array): void {
    this.send({ logs: [{ vertex: this.digest, stream, data: base64(bytes), timestamp: this.now() }] });
  }

  done(size?: number): void {
    this.vertex({ completed: this.now(), ...(size !== undefined ? { size } : {}) });
  }

  cached(size?: number): void {
    this.isCached = true;
    this.vertex({ completed: this.now(), cached: true, ...(size !== undefined ? { size } : {}) });
  }

  failed(error: string): void {
    this.vertex({ completed: this.now(), error });
  }

  private vertex(fields: Partial<BuildVertex>): void {
    this.send({ vertexes: [{ digest: this.digest, name: this.name, started: this.started, ...(this.source ? { source: this.source } : {}), ...fields }] });
  }
}

function base64(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}
