import type { Disposable } from "../../shared/disposable";
import type { DockerClient } from "../client/docker-client";
import type { FlagSpec } from "./flags/flag-spec";
import type { ParsedFlags } from "./flags/parse";
import type { Contexts } from "./context/contexts";
import type { CliIo } from "./io";

/** What a verb runs with: the terminal, the daemon's API, and the means to stop early. */
export interface CommandContext {
  io: CliIo;
  /** The daemon's API at the current context's endpoint; never for a local verb. */
  api: DockerClient;
  /** The client's contexts and config.json. */
  contexts: Contexts;
  /** Aborted when the client is interrupted (Ctrl-C with no container to pass it to). */
  signal: AbortSignal;
  /** The command as invoked, for messages: "docker container ls". */
  path: string;
  /** The clock, for "2 minutes ago". */
  now(): number;
  /**
   * Claims the signals the client receives (docker run proxies them to the container) until
   * disposed; unclaimed, a signal ends the command with 128 + its number.
   */
  trapSignals(handler: (signal: number) => void): Disposable;
  out(text: string): Promise<void>;
  err(text: string): Promise<void>;
}

/** How many arguments a verb takes: "requires 1 argument", "at least 1", "at most 1". */
export interface ArgRule {
  min?: number;
  max?: number;
}

/** One docker verb (one file each under commands/). Returns the exit status. */
export interface Verb {
  name: string;
  /** Other names under the same parent: container ls is also list and ps. */
  aliases?: string[];
  /** The usage after the command's path: "[OPTIONS] CONTAINER [CONTAINER...]". */
  usage: string;
  short: string;
  /** What the help says instead of `short`, when it says more. */
  long?: string;
  flags?: FlagSpec[];
  args?: ArgRule;
  /** run, create and exec stop reading flags at the first argument (the image, the container). */
  interspersed?: boolean;
  /** Works on the client's side alone (docker context): no daemon endpoint is resolved for it. */
  local?: boolean;
  run(context: CommandContext, args: string[], flags: ParsedFlags): Promise<number>;
}

/** A management command: docker container, docker image, docker system. */
export interface Group {
  name: string;
  short: string;
  verbs: Verb[];
}
