import { errorMessage } from "../../../shared/errors";
import { StatusError } from "../errors";
import { parseBool, ValueError } from "../flags/values";
import { goQuote } from "../../../shared/go-quote";
import type { Contexts } from "./contexts";
import type { ContextMeta, DockerEndpoint } from "./context-store";
import { checkContextHost } from "./docker-host";

const KEYS = ["from", "host", "ca", "cert", "key", "skip-tls-verify"];
const TLS_FILES = ["ca", "cert", "key"];

/**
 * The endpoint --docker's key=value pairs describe (docker context create and update), or
 * docker's refusal: "unable to create docker endpoint config: ...".
 */
export async function dockerEndpoint(options: ReadonlyMap<string, string>, contexts: Contexts): Promise<DockerEndpoint> {
  try {
    return await endpointOf(options, contexts);
  } catch (error) {
    throw new StatusError(1, `unable to create docker endpoint config: ${errorMessage(error)}`);
  }
}

/** The docker endpoint of a context, as a new one copies it (--from, from=). */
export function endpointOfContext(context: ContextMeta): DockerEndpoint {
  const { Host, SkipTLSVerify = false } = context.Endpoints.docker ?? {};
  return Host ? { Host, SkipTLSVerify } : { SkipTLSVerify };
}

async function endpointOf(options: ReadonlyMap<string, string>, contexts: Contexts): Promise<DockerEndpoint> {
  for (const key of [...options.keys()].sort()) {
    if (!KEYS.includes(key)) throw new Error(`unrecognized config key: ${key}`);
  }
  const from = options.get("from");
  if (from) return endpointOfContext(await contexts.lookup(from));
  // Drydock's client has no TLS: certificates it could store but never use are refused.
  const tls = TLS_FILES.find((key) => options.has(key));
  if (tls) throw new Error(`${tls}: Drydock's docker CLI does not speak TLS`);
  let skip = false;
  const skipText = options.get("skip-tls-verify");
  if (skipText !== undefined) {
    try {
      skip = parseBool(skipText);
    } catch (error) {
      if (!(error instanceof ValueError)) throw error;
      throw new Error(`skip-tls-verify: parsing ${goQuote(skipText)}: invalid syntax`);
    }
  }
  const host = options.get("host") ?? "";
  if (!host) return { SkipTLSVerify: skip };
  checkContextHost(host);
  return { Host: host, SkipTLSVerify: skip };
}
