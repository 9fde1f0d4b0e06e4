import type { Verb } from "../../command";
import { dockerEndpoint } from "../../context/endpoint-options";
import { checkStoredName } from "../../context/names";
import { goQuote } from "../../../../shared/go-quote";
import { DESCRIPTION_FLAG, DOCKER_FLAG, endpointHelp } from "./endpoint-help";

const short = "Update a context";

export const update: Verb = {
  name: "update",
  usage: "[OPTIONS] CONTEXT",
  short,
  long: endpointHelp(short, "update"),
  args: { min: 1, max: 1 },
  local: true,
  flags: [DESCRIPTION_FLAG, DOCKER_FLAG],
  async run({ contexts, out, err }, [name], flags) {
    checkStoredName(name!);
    const context = await contexts.store.get(name!);
    const docker = flags.map("docker");
    // --docker replaces the endpoint whole; an empty --description leaves the old one.
    if (docker.size > 0) context.Endpoints = { ...context.Endpoints, docker: await dockerEndpoint(docker, contexts) };
    const description = flags.string("description");
    if (description) context.Metadata = { ...context.Metadata, Description: description };
    await contexts.store.save(context);
    await out(`${name}\n`);
    await err(`Successfully updated context ${goQuote(name!)}\n`);
    return 0;
  },
};
