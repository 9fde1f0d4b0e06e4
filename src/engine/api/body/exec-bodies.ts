import { DrydockError } from "../../../shared/errors";
import type { ExecConfig, ExecStartConfig } from "../../../shared/engine-api/exec";
import type { HttpRequest } from "../http/request";
import { execOptions, execStartOptions } from "./moby-types";
import { readJson } from "./read-json";
import { EXEC_POLICIES, refuseUnsupported, supportedFields } from "./unsupported";

/** POST /containers/{id}/exec's body (container.ExecOptions), checked as moby's exec route checks it. */
export async function readExecCreateBody(request: HttpRequest): Promise<ExecConfig> {
  const body = ((await readJson(request, execOptions)) ?? {}) as ExecConfig & Record<string, unknown>;
  if (!body.Cmd?.length) throw new DrydockError("InvalidParameter", "No exec command specified");
  refuseUnsupported(body, execOptions, EXEC_POLICIES);
  return supportedFields(body, EXEC_POLICIES) as ExecConfig;
}

/** POST /exec/{id}/start's body (container.ExecStartOptions, every field of which Drydock acts on); none is all defaults. */
export async function readExecStartBody(request: HttpRequest): Promise<ExecStartConfig> {
  return ((await readJson(request, execStartOptions)) ?? {}) as ExecStartConfig;
}
