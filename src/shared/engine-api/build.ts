/**
 * `POST /build`'s stream: one JSON message a line, as moby's classic builder writes it
 * (`{"stream":"Step 1/4 : FROM busybox\n"}`, `{"aux":{"ID":"sha256:..."}}`, `{"errorDetail":...}`).
 * Drydock's daemon adds the BuildKit-like progress its own CLI draws, as messages the official
 * CLI passes to its aux callback and otherwise ignores: `{"id":"drydock.build","aux":{...}}`.
 */
export interface BuildMessage {
  stream?: string;
  id?: string;
  aux?: BuildResultAux | BuildProgress;
  error?: string;
  errorDetail?: { code?: number; message: string };
}

/** The image a stage (and at last the build) made. */
export interface BuildResultAux {
  ID: string;
}

/**
 * The largest build context (the tar) the daemon takes: it is held in memory, the tab's included.
 * A bigger one is refused before it is read (413), and Drydock's CLI refuses it while tarring.
 */
export const MAX_BUILD_CONTEXT = 128 * 1024 * 1024;

/** The `id` of messages whose aux is BuildProgress. */
export const BUILD_PROGRESS_ID = "drydock.build";

/**
 * What changed in the build's graph since the last message, as BuildKit's status stream has it:
 * vertices (`[2/4] RUN ...`), their sub-steps (`transferring context: 2B`) and their output.
 * Times are milliseconds since the build began (the daemon's clock).
 */
export interface BuildProgress {
  vertexes?: BuildVertex[];
  statuses?: BuildVertexStatus[];
  logs?: BuildVertexLog[];
}

export interface BuildVertex {
  /** Numbers from 1 in the order vertices start: BuildKit's `#N` in plain output. */
  digest: number;
  /** `[internal] load build definition from Dockerfile`, `[1/3] FROM docker.io/library/busybox:latest`, `exporting to image`. */
  name: string;
  started?: number;
  completed?: number;
  cached?: boolean;
  /** Bytes of the layer the step made (RUN, COPY, ADD, WORKDIR), once it is done. */
  size?: number;
  /** The Dockerfile lines the vertex runs (1-based), for the snippet BuildKit prints under an error. */
  source?: { file: string; line: number; endLine: number };
  /** Why the vertex failed (BuildKit's words, e.g. `process "/bin/sh -c false" did not complete successfully: exit code: 1`). */
  error?: string;
}

/** A sub-step of a vertex: `transferring context: 2.05kB`, `naming to docker.io/library/app:latest`. */
export interface BuildVertexStatus {
  vertex: number;
  /** A stable key for the sub-step within its vertex (a later message with it updates it). */
  id: string;
  name: string;
  started?: number;
  completed?: number;
}

/** Output of a vertex (a RUN's stdout/stderr), as it came. */
export interface BuildVertexLog {
  vertex: number;
  /** 1 stdout, 2 stderr. */
  stream: 1 | 2;
  /** Base64, as bytes need not be UTF-8 at a chunk boundary. */
  data: string;
  /** Milliseconds since the build began. */
  timestamp: number;
}
