import { DrydockError } from "../../shared/errors";
import { parseDuration } from "../../shared/go-duration";
import type { ContainerConfigV1, ImageConfig } from "../../shared/oci";
import { resolveInScope } from "./scoped-path";
import type { CommandLine, Instruction } from "./dockerfile/instructions";

/** Words expanded with the stage's variables (ENV over ARG), as the shell lexer does it. */
export interface Expander {
  word(word: string): string;
  words(word: string): string[];
}

export const DEFAULT_SHELL = ["/bin/sh", "-c"];

/** The instructions that change only the image's config (no layer, no container). */
export type ConfigInstruction = Exclude<Instruction, { kind: "RUN" | "COPY" | "ADD" | "ARG" }>;

const CONFIG_KINDS = new Set<string>(["ENV", "LABEL", "CMD", "ENTRYPOINT", "EXPOSE", "VOLUME", "USER", "WORKDIR", "STOPSIGNAL", "MAINTAINER", "SHELL", "HEALTHCHECK", "ONBUILD"]);

export function isConfigInstruction(instruction: Instruction): instruction is ConfigInstruction {
  return CONFIG_KINDS.has(instruction.kind);
}

/**
 * Applies one instruction to an image config (a copy the caller owns) and returns the words the
 * classic builder records for it in the history (`/bin/sh -c #(nop)  ENV A=b` keeps `ENV A=b`).
 * `cmdSet` says whether this stage set CMD itself: ENTRYPOINT resets an inherited CMD, as Docker does.
 */
export function applyConfigInstruction(image: ImageConfig, instruction: ConfigInstruction, expand: Expander, stage: { cmdSet: boolean }): string {
  const config: ContainerConfigV1 = (image.config ??= {});
  const shell = config.Shell ?? DEFAULT_SHELL;
  switch (instruction.kind) {
    case "ENV": {
      // Every value is expanded with the variables as they were before this line, as Docker does.
      const pairs = instruction.pairs.map(({ key, value }) => ({ key: expand.word(key), value: expand.word(value) }));
      for (const { key, value } of pairs) {
        if (!key) throw new DrydockError("InvalidParameter", "ENV names can not be blank");
        config.Env = [...(config.Env ?? []).filter((entry) => entry.split("=")[0] !== key), `${key}=${value}`];
      }
      return `ENV ${pairs.map(({ key, value }) => `${key}=${value}`).join(" ")}`;
    }
    case "LABEL": {
      const pairs = instruction.pairs.map(({ key, value }) => ({ key: expand.word(key), value: expand.word(value) }));
      for (const { key, value } of pairs) {
        if (!key) throw new DrydockError("InvalidParameter", "LABEL names can not be blank");
        config.Labels = { ...(config.Labels ?? {}), [key]: value };
      }
      return `LABEL ${pairs.map(({ key, value }) => `${key}=${value}`).join(" ")}`;
    }
    case "CMD":
      config.Cmd = commandArgs(instruction.command, shell);
      stage.cmdSet = true;
      return `CMD ${goStrings(config.Cmd)}`;
    case "ENTRYPOINT":
      config.Entrypoint = commandArgs(instruction.command, shell);
      if (!stage.cmdSet) config.Cmd = null;
      return `ENTRYPOINT ${goStrings(config.Entrypoint)}`;
    case "EXPOSE": {
      const ports = instruction.words.flatMap((word) => expand.words(word)).flatMap(portKeys);
      config.ExposedPorts = { ...(config.ExposedPorts ?? {}) };
      for (const port of ports) config.ExposedPorts[port] = {};
      return `EXPOSE ${ports.join(" ")}`;
    }
    case "VOLUME": {
      const paths = instruction.words.flatMap((word) => expand.words(word));
      if (paths.length === 0 || paths.some((path) => path.trim() === "")) throw new DrydockError("InvalidParameter", "VOLUME specified can not be an empty string");
      config.Volumes = { ...(config.Volumes ?? {}) };
      for (const path of paths) config.Volumes[path] = {};
      return `VOLUME [${paths.join(" ")}]`;
    }
    case "WORKDIR": {
      // Relative to the one before, as Docker joins them (the directory itself is the builder's to make).
      const path = expand.word(instruction.value);
      // `..` stops at the root, as Go's filepath.Join does for an absolute path.
      config.WorkingDir = `/${resolveInScope(path.startsWith("/") ? path : `${config.WorkingDir || "/"}/${path}`, () => undefined)}`;
      return `WORKDIR ${config.WorkingDir}`;
    }
    case "USER":
      config.User = expand.word(instruction.value);
      return `USER ${config.User}`;
    case "STOPSIGNAL":
      config.StopSignal = expand.word(instruction.value);
      return `STOPSIGNAL ${config.StopSignal}`;
    case "MAINTAINER":
      image.author = expand.word(instruction.value);
      return `MAINTAINER ${image.author}`;
    case "SHELL":
      if (instruction.args.length === 0) throw new DrydockError("InvalidParameter", "SHELL requires at least one argument");
      config.Shell = [...instruction.args];
      return `SHELL [${instruction.args.join(" ")}]`;
    case "HEALTHCHECK": {
      if (instruction.test === "NONE") {
        config.Healthcheck = { Test: ["NONE"] };
        return "HEALTHCHECK NONE";
      }
      const test = instruction.test.form === "exec" ? ["CMD", ...instruction.test.args] : ["CMD-SHELL", instruction.test.command];
      config.Healthcheck = {
        Test: test,
        ...duration("interval", instruction.interval, "Interval"),
        ...duration("timeout", instruction.timeout, "Timeout"),
        ...duration("start-period", instruction.startPeriod, "StartPeriod"),
        ...duration("start-interval", instruction.startInterval, "StartInterval"),
        ...(instruction.retries !== undefined ? { Retries: retries(instruction.retries) } : {}),
      };
      return `HEALTHCHECK ${goStrings(test)}`;
    }
    case "ONBUILD":
      config.OnBuild = [...(config.OnBuild ?? []), instruction.trigger];
      return `ONBUILD ${instruction.trigger}`;
  }
}

/** A CMD/ENTRYPOINT/RUN as the process's argv: the exec form as written, the shell form through SHELL. */
export function commandArgs(command: CommandLine, shell: readonly string[]): string[] {
  return command.form === "exec" ? [...command.args] : [...shell, command.command];
}

/** Go's %q of a []string, as the classic builder writes CMD into the history: ["sh" "-c" "x"]. */
export function goStrings(values: readonly string[] | null | undefined): string {
  return `[${(values ?? []).map((value) => JSON.stringify(value)).join(" ")}]`;
}

/** EXPOSE's words as Docker keys them: 80 → 80/tcp, 8000-8001/udp → 8000/udp 8001/udp. */
function portKeys(word: string): string[] {
  const match = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(word);
  if (!match) throw new DrydockError("InvalidParameter", `invalid containerPort: ${word.split("/")[0]}`);
  const first = Number(match[1]);
  const last = match[2] ? Number(match[2]) : first;
  const proto = (match[3] ?? "tcp").toLowerCase();
  if (first < 1 || last > 65535 || last < first) throw new DrydockError("InvalidParameter", `invalid range specified for containerPort: ${word.split("/")[0]}`);
  return Array.from({ length: last - first + 1 }, (_, i) => `${first + i}/${proto}`);
}

function duration(flag: string, text: string | undefined, field: string): Record<string, number> {
  if (text === undefined) return {};
  const value = parseDuration(text);
  if (value === undefined) throw new DrydockError("InvalidParameter", `time: invalid duration ${JSON.stringify(text)}`);
  if (value !== 0n && value < 1_000_000n) throw new DrydockError("InvalidParameter", `Interval "${flag}" cannot be less than 1ms`);
  return { [field]: Number(value) };
}

function retries(value: number): number {
  if (value < 0) throw new DrydockError("InvalidParameter", "--retries cannot be negative");
  return value;
}
