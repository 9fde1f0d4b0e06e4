import type { CliIo } from "../io";
import { ConfigFile } from "./config-file";
import { ContextStore, type ContextMeta } from "./context-store";
import { configDir, currentContextName, DEFAULT_CONTEXT, defaultContextHost, type ContextChoice } from "./resolve";

/**
 * The docker CLI's contexts as one command sees them: the store, config.json, which context
 * is current, and where the default one points.
 */
export class Contexts {
  private constructor(
    readonly store: ContextStore,
    readonly config: ConfigFile,
    /** The name the command runs with (it may name no stored context). */
    readonly current: string,
    private readonly defaultHost: () => string,
    /** Where a context with no host leads. */
    private readonly fallbackHost: string,
  ) {}

  /** Reads config.json (warning on stderr when it does not parse) and settles the current context. */
  static async open(io: CliIo, choice: Omit<ContextChoice, "env" | "configured">, fallbackHost: string): Promise<Contexts> {
    const dir = configDir(io.env);
    const config = await ConfigFile.load(io, dir);
    const current = currentContextName({ ...choice, env: io.env, configured: config.currentContext });
    return new Contexts(new ContextStore(io, dir), config, current, () => defaultContextHost(choice.hosts, io.env, fallbackHost), fallbackHost);
  }

  /** "default": never stored, its endpoint -H or DOCKER_HOST (or the fallback); fails on a bad one. */
  defaultContext(): ContextMeta {
    return { Name: DEFAULT_CONTEXT, Metadata: {}, Endpoints: { docker: { Host: this.defaultHost(), SkipTLSVerify: false } } };
  }

  lookup(name: string): Promise<ContextMeta> {
    return name === DEFAULT_CONTEXT ? Promise.resolve().then(() => this.defaultContext()) : this.store.get(name);
  }

  /** The daemon of the current context, as written there (a context's host is not normalized). */
  async daemonHost(): Promise<string> {
    return (await this.lookup(this.current)).Endpoints.docker?.Host || this.fallbackHost;
  }
}
