import type { FlagSpec } from "../../flags/flag-spec";

/** What `docker context create --help` and `update --help` say beneath their one-line summary. */
export function endpointHelp(short: string, verb: "create" | "update"): string {
  return `${short}

Docker endpoint config:

NAME                DESCRIPTION
from                Copy named context's Docker endpoint configuration
host                Docker endpoint on which to connect
ca                  Trust certs signed only by this CA
cert                Path to TLS certificate file
key                 Path to TLS key file
skip-tls-verify     Skip TLS certificate validation

Example:

$ docker context ${verb} my-context --description "some description" --docker "host=tcp://myserver:2376,ca=~/ca-file,cert=~/cert-file,key=~/key-file"`;
}

export const DESCRIPTION_FLAG: FlagSpec = { name: "description", type: "string", usage: "Description of the context" };
export const DOCKER_FLAG: FlagSpec = { name: "docker", type: "stringToString", usage: "set the docker endpoint", default: "[]" };
