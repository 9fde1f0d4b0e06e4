import type { ContainerWaitResponse } from "../../../../shared/engine-api/containers";
import type { ContainerPruneResponse } from "../../../../shared/engine-api/prune";
import { DrydockError } from "../../../../shared/errors";
import type { WaitCondition } from "../../../container/container";
import { parseDetachKeys } from "../../../container/detach-keys";
import { Filters } from "../../../daemon/filters/filters";
import { readCreateBody, refuseStartBody } from "../../body/container-create";
import { json, noContent, streamType, type HttpResponse } from "../../http/response";
import type { RouteContext } from "../../route";
import { inspectContainer, listContainer } from "../../views/container-json";
import { statsJson } from "../../views/stats-json";
import { topJson } from "../../views/top-json";
import { readWhole } from "../../http/request-body";
import type { AttachBackend, CommitBackend, MonitorBackend, PruneBackend, StateBackend } from "./backend";

const CONDITIONS: readonly string[] = ["not-running", "next-exit", "removed"];

const noStream = () => new DrydockError("InvalidParameter", "Bad parameters: you must choose at least one stream");
const stopOptions = (c: RouteContext) => {
  const t = c.query.get("t");
  return { timeoutSeconds: t === null ? undefined : Number(t), signal: c.query.get("signal") ?? undefined };
};
/** `size=1` (docker ps --size, docker inspect --size): container layers are tmpfs in the guest, not measured, so it is refused rather than answered with made-up sizes. */
function refuseSizes(c: RouteContext): void {
  if (c.flag("size")) throw new DrydockError("NotImplemented", "Drydock does not measure container sizes yet (docker ps --size, docker inspect --size)");
}
const size = (c: RouteContext) => [Number(c.query.get("h") ?? 24), Number(c.query.get("w") ?? 80)] as const;

export async function list(backend: MonitorBackend, c: RouteContext): Promise<HttpResponse> {
  refuseSizes(c);
  const summaries = await backend.list(Filters.parse(c.query.get("filters")), { all: c.flag("all"), limit: Number(c.query.get("limit") ?? -1) });
  return json(200, summaries.map(({ container, image }) => listContainer(container, image)));
}

export async function create(backend: StateBackend, c: RouteContext): Promise<HttpResponse> {
  return json(201, await backend.create(await readCreateBody(c.request), c.query.get("name") || undefined));
}

export async function inspect(backend: MonitorBackend, c: RouteContext): Promise<HttpResponse> {
  refuseSizes(c);
  return json(200, inspectContainer(await backend.inspect(c.params.id!)));
}

export async function start(backend: StateBackend, c: RouteContext): Promise<HttpResponse> {
  refuseStartBody(c.request);
  await backend.start(c.params.id!);
  return noContent();
}

export async function stop(backend: StateBackend, c: RouteContext): Promise<HttpResponse> {
  await backend.stop(c.params.id!, stopOptions(c));
  return noContent();
}

export async function restart(backend: StateBackend, c: RouteContext): Promise<HttpResponse> {
  await backend.restart(c.params.id!, stopOptions(c));
  return noContent();
}

export async function kill(backend: StateBackend, c: RouteContext): Promise<HttpResponse> {
  await backend.kill(c.params.id!, c.query.get("signal") ?? "KILL");
  return noContent();
}

export async function pause(backend: StateBackend, c: RouteContext): Promise<HttpResponse> {
  await backend.pause(c.params.id!);
  return noContent();
}

export async function unpause(backend: StateBackend, c: RouteContext): Promise<HttpResponse> {
  await backend.unpause(c.params.id!);
  return noContent();
}

export async function rename(backend: StateBackend, c: RouteContext): Promise<HttpResponse> {
  await backend.rename(c.params.id!, c.query.get("name") ?? "");
  return noContent();
}

export async function resize(backend: StateBackend, c: RouteContext): Promise<HttpResponse> {
  await backend.resize(c.params.id!, ...size(c));
  return { status: 200, headers: { "Content-Type": "text/plain; charset=utf-8" }, body: "" };
}

export async function wait(backend: StateBackend, c: RouteContext): Promise<HttpResponse> {
  const condition = c.query.get("condition") || "not-running";
  if (!CONDITIONS.includes(condition)) throw new DrydockError("InvalidParameter", `invalid condition: "${condition}"`);
  const { exitCode } = await backend.wait(c.params.id!, condition as WaitCondition);
  // The head goes out at once (clients wait on the body), as Docker's does.
  return {
    status: 200,
    headers: { "Content-Type": "application/json" },
    stream: (async function* () {
      yield JSON.stringify({ StatusCode: await exitCode, Error: null } satisfies ContainerWaitResponse) + "\n";
    })(),
  };
}

export async function attach(backend: AttachBackend, c: RouteContext): Promise<HttpResponse> {
  const options = { stdin: c.flag("stdin"), stdout: c.flag("stdout"), stderr: c.flag("stderr"), logs: c.flag("logs"), detachKeys: parseDetachKeys(c.query.get("detachKeys")) };
  // The container is looked for first (nothing is served before the hijack): a 404 before a 400.
  const session = await backend.attach(c.params.id!, options);
  if (!c.flag("stream") && !options.logs) throw noStream();
  return { headers: { "Content-Type": streamType(session.tty) }, hijack: session.serve };
}

export async function logs(backend: MonitorBackend, c: RouteContext): Promise<HttpResponse> {
  const stdout = c.flag("stdout");
  const stderr = c.flag("stderr");
  // The container is looked for first (the lines are read when the reply is): a 404 before a 400.
  const output = await backend.logs(c.params.id!, {
    stdout,
    stderr,
    follow: c.flag("follow"),
    tail: c.query.get("tail") ?? "all",
    since: Number(c.query.get("since") ?? 0) || 0,
    until: Number(c.query.get("until") ?? 0) || 0,
    timestamps: c.flag("timestamps"),
    signal: c.request.signal,
  });
  if (!stdout && !stderr) throw noStream();
  return { status: 200, headers: { "Content-Type": streamType(output.tty) }, stream: output.stream };
}

export async function stats(backend: MonitorBackend, c: RouteContext): Promise<HttpResponse> {
  const stream = c.query.get("stream") === null || c.flag("stream");
  const { container, samples } = await backend.stats(c.params.id!, { stream, oneShot: c.flag("one-shot"), signal: c.request.signal });
  return {
    status: 200,
    headers: { "Content-Type": "application/json" },
    stream: (async function* () {
      for await (const sample of samples) yield JSON.stringify(statsJson(container, sample)) + "\n";
    })(),
  };
}

export async function top(backend: MonitorBackend, c: RouteContext): Promise<HttpResponse> {
  // The agent lists processes in ps -ef's columns only: other ps options are refused, not dropped.
  if (c.query.get("ps_args")) throw new DrydockError("NotImplemented", "Drydock does not support ps_args (docker top CONTAINER [ps OPTIONS]) yet");
  return json(200, topJson(await backend.top(c.params.id!)));
}

export async function prune(backend: PruneBackend, c: RouteContext): Promise<HttpResponse> {
  const { removed } = await backend.prune(Filters.parse(c.query.get("filters")));
  return json(200, { ContainersDeleted: removed.length ? removed : null, SpaceReclaimed: 0 } satisfies ContainerPruneResponse);
}

export async function remove(backend: StateBackend, c: RouteContext): Promise<HttpResponse> {
  await backend.remove(c.params.id!, { force: c.flag("force") });
  return noContent();
}

export async function changes(backend: MonitorBackend, c: RouteContext): Promise<HttpResponse> {
  return json(200, await backend.changes(c.params.id!));
}

/** `POST /commit`: the CLI sends no config in the body (`null`); a config there is refused, not dropped. */
export async function commit(backend: CommitBackend, c: RouteContext): Promise<HttpResponse> {
  const body = new TextDecoder().decode(await readWhole(c.request.body, 64 * 1024, () => new DrydockError("NotImplemented", "a container config in the body of POST /commit is not supported by Drydock"))).trim();
  if (body !== "" && body !== "null" && body !== "{}") throw new DrydockError("NotImplemented", "a container config in the body of POST /commit is not supported by Drydock");
  const container = c.query.get("container");
  if (!container) throw new DrydockError("InvalidParameter", "No such container: ");
  const repo = c.query.get("repo") ?? "";
  const tag = c.query.get("tag") ?? "";
  const id = await backend.commit(container, {
    reference: repo ? (tag ? `${repo}:${tag}` : repo) : undefined,
    comment: c.query.get("comment") ?? "",
    author: c.query.get("author") ?? "",
    changes: c.query.getAll("changes"),
    // Docker pauses unless told pause=0 (the default is true when the parameter is absent).
    pause: c.query.get("pause") === null || c.flag("pause"),
  });
  return json(201, { Id: id });
}
