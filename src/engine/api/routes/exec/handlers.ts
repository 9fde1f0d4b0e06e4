import { readExecCreateBody, readExecStartBody } from "../../body/exec-bodies";
import { json, streamType, type HttpResponse } from "../../http/response";
import type { RouteContext } from "../../route";
import type { ExecBackend } from "./backend";

export async function create(backend: ExecBackend, c: RouteContext): Promise<HttpResponse> {
  return json(201, await backend.create(c.params.id!, await readExecCreateBody(c.request)));
}

export async function start(backend: ExecBackend, c: RouteContext): Promise<HttpResponse> {
  const body = await readExecStartBody(c.request);
  // Docker sizes the terminal from the start request when it has one (and asks for a tty).
  const size = (body.Tty && body.ConsoleSize) || undefined;
  if (body.Detach) {
    await backend.startDetached(c.params.id!, size);
    return { status: 200, headers: { "Content-Type": "application/json" }, body: "" };
  }
  const session = await backend.startAttached(c.params.id!, size);
  return { headers: { "Content-Type": streamType(session.tty) }, hijack: session.serve };
}

export async function resize(backend: ExecBackend, c: RouteContext): Promise<HttpResponse> {
  await backend.resize(c.params.id!, Number(c.query.get("h") ?? 24), Number(c.query.get("w") ?? 80));
  return { status: 201, body: "" };
}

export async function inspect(backend: ExecBackend, c: RouteContext): Promise<HttpResponse> {
  return json(200, (await backend.inspect(c.params.id!)).inspect());
}
