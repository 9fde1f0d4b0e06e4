import type { BuildProgress, BuildVertex, BuildVertexStatus } from "../../src/shared/engine-api/build";

/** A build's progress messages as the daemon sends them, each at a time on the test's clock (ms since the build began). */
export interface TimedProgress {
  at: number;
  progress: BuildProgress;
}

const base64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));

export const vertex = (v: BuildVertex): BuildProgress => ({ vertexes: [v] });
export const status = (s: BuildVertexStatus): BuildProgress => ({ statuses: [s] });
export const log = (vertex: number, text: string, timestamp: number): BuildProgress => ({ logs: [{ vertex, stream: 1, data: base64(text), timestamp }] });

export const DOCKERFILE = "FROM busybox\nCOPY app.sh /app.sh\nRUN ./app.sh\n";

/**
 * `docker build -t app .` of DOCKERFILE, as BuildKit's vertices have it: the definition and
 * .dockerignore loaded, busybox's metadata, FROM cached, the context sent, COPY, RUN printing
 * two lines, then the export. With `fail`, RUN prints one line and exits 1.
 */
export function appBuild(fail = false): TimedProgress[] {
  const RUN = { digest: 7, name: "[3/3] RUN ./app.sh", source: { file: "Dockerfile", line: 3, endLine: 3 } };
  const steps: TimedProgress[] = [
    { at: 0, progress: vertex({ digest: 1, name: "[internal] load build definition from Dockerfile", started: 0 }) },
    { at: 5, progress: status({ vertex: 1, id: "dockerfile", name: "transferring dockerfile: 80B", started: 1, completed: 5 }) },
    { at: 12, progress: vertex({ digest: 1, name: "[internal] load build definition from Dockerfile", started: 0, completed: 12 }) },
    { at: 13, progress: vertex({ digest: 2, name: "[internal] load metadata for docker.io/library/busybox:latest", started: 13 }) },
    { at: 520, progress: vertex({ digest: 2, name: "[internal] load metadata for docker.io/library/busybox:latest", started: 13, completed: 520 }) },
    { at: 521, progress: vertex({ digest: 3, name: "[internal] load .dockerignore", started: 521 }) },
    { at: 522, progress: status({ vertex: 3, id: "context", name: "transferring context: 2B", started: 521, completed: 522 }) },
    { at: 530, progress: vertex({ digest: 3, name: "[internal] load .dockerignore", started: 521, completed: 530 }) },
    { at: 531, progress: vertex({ digest: 4, name: "[1/3] FROM docker.io/library/busybox:latest", started: 531, completed: 531, cached: true }) },
    { at: 532, progress: vertex({ digest: 5, name: "[internal] load build context", started: 532 }) },
    { at: 540, progress: status({ vertex: 5, id: "context", name: "transferring context: 61B", started: 533, completed: 540 }) },
    { at: 541, progress: vertex({ digest: 5, name: "[internal] load build context", started: 532, completed: 541 }) },
    { at: 542, progress: vertex({ digest: 6, name: "[2/3] COPY app.sh /app.sh", started: 542, source: { file: "Dockerfile", line: 2, endLine: 2 } }) },
    { at: 600, progress: vertex({ digest: 6, name: "[2/3] COPY app.sh /app.sh", started: 542, completed: 600 }) },
    { at: 601, progress: vertex({ ...RUN, started: 601 }) },
    { at: 882, progress: log(7, "hello from app\n", 882) },
  ];
  if (fail) {
    const error = 'process "/bin/sh -c ./app.sh" did not complete successfully: exit code: 1';
    steps.push({ at: 950, progress: vertex({ ...RUN, started: 601, completed: 950, error }) });
    return steps;
  }
  steps.push(
    { at: 1200, progress: log(7, "done\n", 1200) },
    { at: 1250, progress: vertex({ ...RUN, started: 601, completed: 1250 }) },
    { at: 1251, progress: vertex({ digest: 8, name: "exporting to image", started: 1251 }) },
    { at: 1260, progress: status({ vertex: 8, id: "layers", name: "exporting layers", started: 1251, completed: 1300 }) },
    { at: 1301, progress: status({ vertex: 8, id: "config", name: "writing image sha256:4e5f6a7b8c9d", started: 1301, completed: 1302 }) },
    { at: 1303, progress: status({ vertex: 8, id: "name", name: "naming to docker.io/library/app:latest", started: 1303, completed: 1304 }) },
    { at: 1305, progress: vertex({ digest: 8, name: "exporting to image", started: 1251, completed: 1305 }) },
  );
  return steps;
}
