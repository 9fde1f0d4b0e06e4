import { DrydockError } from "../../../shared/errors";
import type { WaitCondition } from "../../container/container";
import { parseDetachKeys } from "../../container/detach-keys";
import { readCreateBody, refuseStartBody } from "../body/container-create";
import type { Daemon } from "../../daemon/daemon";
import { json, noContent, type HttpResponse } from "../http/response";
import { listContainers, prunableContainers } from "../container-filters";
import { Filters } from "../filters";
import type { Route, RouteContext } from "../route";
import type { ProcessEntry } from "../../runtime/runtime";
import { inspectContainer, listContainer } from "../views/container-json";
import { statsJson } from "../views/stats-json";

const RAW_STREAM = "application/vnd.docker.raw-stream";
const MULTIPLEXED_STREAM = "application/vnd.docker.multiplexed-stream";

/** The container routes (moby's router/container), each a parse, one daemon call, a reply. */
export function containerRoutes(daemon: Daemon, hostMemory: number): Route[] {
  const route = (method: string, path: string, handle: (c: RouteContext) => Promise<HttpResponse>): Route => ({ method, path, handle });
  return [
    route("GET", "/containers/json", async (c) => {
      const filters = Filters.parse(c.query.get("filters"));
      const options = { all: c.flag("all"), limit: Number(c.query.get("limit") ?? -1) };
      const containers = await listContainers(daemon.list(), filters, options, async (reference) => (await daemon.images.find(reference))?.id);
      const rows = await Promise.all(containers.map(async (container) => listContainer(container, await daemon.imageOf(container))));
      return json(200, rows);
    }),
    route("POST", "/containers/create", async (c) => json(201, await daemon.createContainer(readCreateBody(c.request), c.query.get("name") || undefined))),
    route("GET", "/containers/{id}/json", async (c) => json(200, inspectContainer(daemon.get(c.params.id!)))),
    route("POST", "/containers/{id}/start", async (c) => {
      refuseStartBody(c.request);
      await daemon.startContainer(c.params.id!);
      return noContent();
    }),
    route("POST", "/containers/{id}/stop", async (c) => {
      const t = c.query.get("t");
      await daemon.stopContainer(c.params.id!, t === null ? undefined : Number(t), c.query.get("signal") ?? undefined);
      return noContent();
    }),
    route("POST", "/containers/{id}/restart", async (c) => {
      const t = c.query.get("t");
      await daemon.stopContainer(c.params.id!, t === null ? undefined : Number(t), c.query.get("signal") ?? undefined).catch((error: unknown) => {
        if (!(error instanceof DrydockError && error.kind === "NotModified")) throw error;
      });
      await daemon.startContainer(c.params.id!);
      return noContent();
    }),
    route("POST", "/containers/{id}/kill", async (c) => {
      await daemon.killContainer(c.params.id!, c.query.get("signal") ?? "KILL");
      return noContent();
    }),
    route("POST", "/containers/{id}/pause", async (c) => {
      await daemon.pauseContainer(c.params.id!, true);
      return noContent();
    }),
    route("POST", "/containers/{id}/unpause", async (c) => {
      await daemon.pauseContainer(c.params.id!, false);
      return noContent();
    }),
    route("POST", "/containers/{id}/rename", async (c) => {
      await daemon.renameContainer(c.params.id!, c.query.get("name") ?? "");
      return noContent();
    }),
    route("POST", "/containers/{id}/resize", async (c) => {
      const container = daemon.get(c.params.id!);
      if (!container.process) throw new DrydockError("Conflict", `Container ${container.id} is not running`);
      await container.process.resize(Number(c.query.get("h") ?? 24), Number(c.query.get("w") ?? 80));
      return { status: 200, headers: { "Content-Type": "text/plain; charset=utf-8" }, body: "" };
    }),
    route("POST", "/containers/{id}/wait", async (c) => {
      const condition = (c.query.get("condition") || "not-running") as WaitCondition;
      if (!["not-running", "next-exit", "removed"].includes(condition)) {
        throw new DrydockError("InvalidParameter", `invalid condition: "${condition}"`);
      }
      daemon.get(c.params.id!);
      // The head goes out at once (clients wait on the body), as Docker's does.
      const code = daemon.waitContainer(c.params.id!, condition);
      return {
        status: 200,
        headers: { "Content-Type": "application/json" },
        stream: (async function* () {
          yield JSON.stringify({ StatusCode: await code, Error: null }) + "\n";
        })(),
      };
    }),
    route("POST", "/containers/{id}/attach", async (c) => {
      const container = daemon.get(c.params.id!);
      const options = { stdin: c.flag("stdin"), stdout: c.flag("stdout"), stderr: c.flag("stderr"), logs: c.flag("logs"), detachKeys: parseDetachKeys(c.query.get("detachKeys")) };
      if (!c.flag("stream") && !options.logs) throw new DrydockError("InvalidParameter", "Bad parameters: you must choose at least one stream");
      return {
        headers: { "Content-Type": container.tty ? RAW_STREAM : MULTIPLEXED_STREAM },
        hijack: (connection, early) => daemon.attachContainer(c.params.id!, connection, { ...options, early }),
      };
    }),
    route("GET", "/containers/{id}/logs", async (c) => {
      const container = daemon.get(c.params.id!);
      const stdout = c.flag("stdout");
      const stderr = c.flag("stderr");
      if (!stdout && !stderr) throw new DrydockError("InvalidParameter", "Bad parameters: you must choose at least one stream");
      return {
        status: 200,
        headers: { "Content-Type": container.tty ? RAW_STREAM : MULTIPLEXED_STREAM },
        stream: daemon.logs(c.params.id!, {
          stdout,
          stderr,
          follow: c.flag("follow"),
          tail: c.query.get("tail") ?? "all",
          since: Number(c.query.get("since") ?? 0) || 0,
          until: Number(c.query.get("until") ?? 0) || 0,
          timestamps: c.flag("timestamps"),
          signal: c.request.signal,
        }),
      };
    }),
    route("GET", "/containers/{id}/stats", async (c) => {
      const container = daemon.get(c.params.id!);
      const stream = c.query.get("stream") === null || c.flag("stream");
      const oneShot = c.flag("one-shot");
      const signal = c.request.signal;
      const empty = { memory: { usage: 0, limit: undefined, stats: {}, oomKills: 0 }, cpu: { usageMicros: 0, userMicros: 0, systemMicros: 0, hostMicros: 0, onlineCpus: 1, throttling: { periods: 0, throttledPeriods: 0, throttledMicros: 0 } }, pids: { current: 0, limit: undefined }, networks: {} };
      const sample = async () => ({ stats: (await daemon.stats(container.id).catch(() => undefined)) ?? empty, read: new Date().toISOString() });
      const sleep = (ms: number) => new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        signal.addEventListener("abort", () => (clearTimeout(timer), resolve()));
      });
      return {
        status: 200,
        headers: { "Content-Type": "application/json" },
        stream: (async function* () {
          // Docker's CPU % needs two samples; one-shot asks for just one.
          let previous = oneShot ? undefined : await sample();
          if (previous) await sleep(stream ? 0 : 1000);
          do {
            const now = await sample();
            yield JSON.stringify(statsJson(container, now.stats, previous, hostMemory)) + "\n";
            previous = now;
            if (stream) await sleep(1000);
          } while (stream && !signal.aborted && container.state.Running);
        })(),
      };
    }),
    route("GET", "/containers/{id}/top", async (c) => {
      const container = daemon.get(c.params.id!);
      if (!container.state.Running) throw new DrydockError("Conflict", `Container ${container.id} is not running`);
      return json(200, psTable(await daemon.top(container.id)));
    }),
    route("POST", "/containers/prune", async (c) => {
      // The whole set is chosen, every filter checked, before the first removal.
      const prunable = prunableContainers(daemon.list(), Filters.parse(c.query.get("filters")), Date.now());
      const removed: string[] = [];
      for (const container of prunable) {
        // One that cannot go now (started since) is left, as Docker skips a failed removal.
        const gone = await daemon.removeContainer(container.id, false).then(() => true, () => false);
        if (gone) removed.push(container.id);
      }
      return json(200, { ContainersDeleted: removed.length ? removed : null, SpaceReclaimed: 0 });
    }),
    route("DELETE", "/containers/{id}", async (c) => {
      await daemon.removeContainer(c.params.id!, c.flag("force"));
      return noContent();
    }),
  ];
}

/** `ps -ef`'s columns, as Docker's top shows them by default. */
function psTable(processes: ProcessEntry[]): { Titles: string[]; Processes: string[][] } {
  const two = (n: number) => String(n).padStart(2, "0");
  const rows = processes.map((p) => {
    const cpu = Math.floor(p.cpuSeconds);
    return [
      p.uid === 0 ? "root" : String(p.uid),
      String(p.pid),
      String(p.ppid),
      "0",
      `${two(p.started.getHours())}:${two(p.started.getMinutes())}`,
      p.tty === 0 ? "?" : `pts/${(p.tty & 0xff) | ((p.tty >> 12) & 0xfff00)}`,
      `${two(Math.floor(cpu / 3600))}:${two(Math.floor(cpu / 60) % 60)}:${two(cpu % 60)}`,
      p.command,
    ];
  });
  return { Titles: ["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"], Processes: rows };
}
