import type { CommandContext, Verb } from "../command";
import { DaemonError } from "../../client/errors";
import { StatusError } from "../errors";
import { compile } from "../format/render";
import type { DockerClient } from "../../client/docker-client";
import { INSPECT_FORMAT_FLAG } from "./format-flag";

/** How each kind of object is inspected. */
const INSPECTORS: Record<string, (api: DockerClient, name: string) => Promise<unknown>> = {
  container: (api, name) => api.containers.inspect(name),
  image: (api, name) => api.images.inspect(name),
  network: (api, name) => api.networks.inspect(name),
};

/**
 * docker inspect and its typed forms: the objects as indented JSON in a list, or each through
 * a -f template; "No such object" (or container/image) for a name that is none, exit 1.
 */
export async function inspectObjects(context: CommandContext, names: readonly string[], kinds: readonly string[], format: string): Promise<number> {
  const found: unknown[] = [];
  const errors: string[] = [];
  for (const name of names) {
    let object: unknown;
    let missing: DaemonError | undefined;
    for (const kind of kinds) {
      try {
        object = await INSPECTORS[kind]!(context.api, name);
        break;
      } catch (error) {
        if (!(error instanceof DaemonError && error.kind === "NotFound")) throw error;
        missing = error;
      }
    }
    // One kind asked for: the daemon's own words; any kind: Docker's "No such object".
    if (object === undefined) errors.push(kinds.length === 1 && missing ? missing.line : `Error: No such object: ${name}`);
    else found.push(object);
  }
  if (format) {
    let template;
    try {
      template = compile(format === "json" ? "{{json .}}" : format);
    } catch (error) {
      throw new StatusError(64, error instanceof Error ? error.message : String(error));
    }
    for (const object of found) await context.out(template.execute(object) + "\n");
  } else {
    await context.out(found.length ? JSON.stringify(found, null, 4) + "\n" : "[]\n");
  }
  if (errors.length) throw new StatusError(1, errors.join("\n"));
  return 0;
}

const flags = [
  INSPECT_FORMAT_FLAG,
  { name: "size", short: "s", type: "bool" as const, usage: "Display total file sizes if the type is container" },
  { name: "type", type: "string" as const, usage: "Only inspect objects of the given type" },
];

export const inspect: Verb = {
  name: "inspect",
  usage: "[OPTIONS] NAME|ID [NAME|ID...]",
  short: "Return low-level information on Docker objects",
  args: { min: 1 },
  flags,
  run: (context, names, parsed) => {
    const type = parsed.string("type");
    if (type && !INSPECTORS[type]) throw new StatusError(1, `"${type}" is not a valid value for --type`);
    return inspectObjects(context, names, type ? [type] : ["container", "image", "network"], parsed.string("format"));
  },
};
