import { DrydockError } from "../../../../shared/errors";
import type { Verb } from "../../command";
import { endpointOfContext, dockerEndpoint } from "../../context/endpoint-options";
import { checkStoredName } from "../../context/names";
import { DEFAULT_CONTEXT } from "../../context/resolve";
import { goQuote } from "../../../../shared/go-quote";
import { DEFAULT_DESCRIPTION } from "./ls";
import { DESCRIPTION_FLAG, DOCKER_FLAG, endpointHelp } from "./endpoint-help";

const short = "Create a context";

export const create: Verb = {
  name: "create",
  usage: "[OPTIONS] CONTEXT",
  short,
  long: endpointHelp(short, "create"),
  args: { min: 1, max: 1 },
  local: true,
  flags: [DESCRIPTION_FLAG, DOCKER_FLAG, { name: "from", type: "string", usage: "create context from a named context" }],
  async run({ contexts, out, err }, [name], flags) {
    checkStoredName(name!);
    if (await contexts.store.exists(name!)) throw new DrydockError("Conflict", `context ${goQuote(name!)} already exists`);
    const docker = flags.map("docker");
    const from = flags.string("from");
    if (from && docker.size > 0) throw new DrydockError("InvalidParameter", "cannot use --docker flag when --from is set");
    let description = flags.string("description");
    let endpoint;
    if (docker.size > 0) endpoint = await dockerEndpoint(docker, contexts);
    else {
      // Neither: a copy of the current context, its description too unless one is given.
      const source = await contexts.lookup(from || contexts.current);
      endpoint = endpointOfContext(source);
      description ||= source.Name === DEFAULT_CONTEXT ? DEFAULT_DESCRIPTION : (source.Metadata.Description ?? "");
    }
    await contexts.store.save({ Name: name!, Metadata: description ? { Description: description } : {}, Endpoints: { docker: endpoint } });
    await out(`${name}\n`);
    await err(`Successfully created context ${goQuote(name!)}\n`);
    return 0;
  },
};
