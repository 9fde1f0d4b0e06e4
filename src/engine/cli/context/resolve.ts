import { HostError, normalizeHost } from "./docker-host";

/** The context "docker context use" and the absence of any choice mean: -H or DOCKER_HOST. */
export const DEFAULT_CONTEXT = "default";

/** What picks the context of a command. */
export interface ContextChoice {
  /** --context / -c ("" when not given). */
  flag: string;
  /** Every -H given. */
  hosts: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  /** config.json's currentContext ("" when none). */
  configured: string;
}

/**
 * The current context, in docker's order: --context; -H or DOCKER_HOST (which mean the
 * default context); DOCKER_CONTEXT; config.json's currentContext; "default".
 */
export function currentContextName(choice: ContextChoice): string {
  if (choice.flag) return choice.flag;
  if (choice.hosts.length > 0 || choice.env.DOCKER_HOST) return DEFAULT_CONTEXT;
  return choice.env.DOCKER_CONTEXT || choice.configured || DEFAULT_CONTEXT;
}

/** The daemon the default context reaches: the one -H, else DOCKER_HOST, else `fallback`. */
export function defaultContextHost(hosts: readonly string[], env: ContextChoice["env"], fallback: string): string {
  if (hosts.length > 1) throw new HostError("Specify only one -H");
  return normalizeHost(hosts[0] ?? env.DOCKER_HOST ?? "", fallback);
}

/** Where docker keeps config.json and contexts: $DOCKER_CONFIG, else ~/.docker. */
export function configDir(env: ContextChoice["env"]): string {
  return env.DOCKER_CONFIG || `${env.HOME ?? ""}/.docker`;
}
