import { DrydockError } from "../../../shared/errors";
import type { Daemon } from "../../daemon/daemon";
import { readExecCreateBody, readExecStartBody } from "../body/exec-bodies";
import { json, type HttpResponse } from "../http/response";
import type { Route, RouteContext } from "../route";

/** exec: create in a container, start (attached through a hijack, or detached), resize, inspect. */
export function execRoutes(daemon: Daemon): Route[] {
  const route = (method: string, path: string, handle: (c: RouteContext) => Promise<HttpResponse>): Route => ({ method, path, handle });
  return [
    route("POST", "/containers/{id}/exec", async (c) => json(201, daemon.createExec(c.params.id!, readExecCreateBody(c.request)))),
    route("POST", "/exec/{id}/start", async (c) => {
      const body = readExecStartBody(c.request);
      const exec = daemon.getExec(c.params.id!);
      if (exec.started) throw new DrydockError("Conflict", `Error: Exec command ${exec.id} has already run`);
      // Docker sizes the terminal from the start request when it has one (and asks for a tty).
      const size = (body.Tty && body.ConsoleSize) || undefined;
      if (body.Detach) {
        void daemon.startExec(exec.id, undefined, undefined, size).catch(() => undefined);
        return { status: 200, headers: { "Content-Type": "application/json" }, body: "" };
      }
      const tty = exec.config.Tty ?? false;
      return {
        headers: { "Content-Type": tty ? "application/vnd.docker.raw-stream" : "application/vnd.docker.multiplexed-stream" },
        hijack: (connection, early) => daemon.startExec(exec.id, connection, early, size),
      };
    }),
    route("POST", "/exec/{id}/resize", async (c) => {
      const exec = daemon.getExec(c.params.id!);
      if (!exec.process) throw new DrydockError("Conflict", `Exec ${exec.id} is not running`);
      await exec.process.resize(Number(c.query.get("h") ?? 24), Number(c.query.get("w") ?? 80));
      return { status: 201, body: "" };
    }),
    route("GET", "/exec/{id}/json", async (c) => json(200, daemon.getExec(c.params.id!).inspect())),
  ];
}
