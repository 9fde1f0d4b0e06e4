import { DrydockError, errorMessage } from "../../../shared/errors";
import type { ImageConfig } from "../../../shared/oci";
import { sha256Hex } from "../../../shared/sha256";
import { applyConfigInstruction, commandArgs, DEFAULT_SHELL, isConfigInstruction } from "../../builder/config-changes";
import type { BuildContext } from "../../builder/context";
import { LayerEntries } from "../../builder/copy";
import type { ArgInstruction, CopyInstruction, Dockerfile, FromInstruction, Instruction, RunInstruction } from "../../builder/dockerfile/instructions";
import { chompHeredoc } from "../../builder/dockerfile/heredoc";
import { parseDockerfile } from "../../builder/dockerfile/parse";
import { expandWord } from "../../builder/dockerfile/shell";
import { isEmptyLayer, storeLayer, type LayerRecord } from "../../image/built-image";
import { displayName, type ImageRecord } from "../../image/image-store";
import type { ProgressMessage } from "../../image/pull";
import { canonicalString, familiarString, parseReference, withDefaultTag } from "../../image/reference";
import { writeTar } from "../../layer/tar-writer";
import type { DaemonCore } from "../core";
import type { BuildOptions } from "./build-options";
import { copyStep } from "./copy-step";
import type { BuildOutput, Vertex } from "./progress";
import { cancelled, runStep } from "./run-step";
import { planStages, stageIndex, type PlannedStage } from "./stage-plan";
import { PLATFORM_ARGS, PROXY_ARGS, StageState } from "./stage-state";
import { StepFailed } from "./step-failed";

export interface BuildRequest extends Omit<BuildOptions, "dockerfile" | "quiet"> {
  /** The tags made canonical (docker.io/library/app:latest). */
  tags: string[];
  context: BuildContext;
  dockerfileName: string;
  dockerfile: Dockerfile;
  signal: AbortSignal;
}

export interface BuildDeps {
  core: DaemonCore;
  /** `docker pull`'s progress for an image a FROM needs. */
  pull(name: string): AsyncIterable<ProgressMessage>;
}

const short = (id: string) => id.replace(/^sha256:/, "").slice(0, 12);
const SCRATCH: ImageConfig = { architecture: "386", os: "linux", config: {}, rootfs: { type: "layers", diff_ids: [] } };

/**
 * One build: the stages it needs, step by step, each step's image from the cache or made (RUN
 * in a container, COPY from the context or a stage), then the last image tagged. Everything is
 * told twice through `output` (classic text, BuildKit vertices). Returns the image's ID.
 */
export async function runBuild(deps: BuildDeps, request: BuildRequest, output: BuildOutput): Promise<string> {
  return new BuildRun(deps, request, output).run();
}

class BuildRun {
  private readonly stages = new Map<number, ImageRecord>();
  private readonly consumed = new Set<string>();
  private readonly metaArgs = new Map<string, string | undefined>();
  private step = 0;
  private totalSteps = 0;

  constructor(
    private readonly deps: BuildDeps,
    private readonly request: BuildRequest,
    private readonly output: BuildOutput,
  ) {}

  async run(): Promise<string> {
    const { request, output } = this;
    const definition = output.start(`[internal] load build definition from ${request.dockerfileName}`);
    definition.status(`transferring dockerfile: ${request.context.get(request.dockerfileName)?.body.length ?? 0}B`);
    definition.done();
    const ignore = output.start("[internal] load .dockerignore");
    ignore.status(`transferring context: ${request.context.get(".dockerignore")?.body.length ?? 2}B`);
    ignore.done();
    const labels = labelInstruction(request.labels);
    const plan = planStages(request.dockerfile, request.target, labels);
    // The ARGs before the first FROM are steps too in the classic builder's count.
    this.totalSteps = request.dockerfile.metaArgs.length + plan.reduce((n, planned) => n + 1 + planned.instructions.length, 0);
    for (const arg of request.dockerfile.metaArgs) {
      output.text(`Step ${++this.step}/${this.totalSteps} : ${arg.original}\n`);
      this.declareMeta(arg);
    }
    if (plan.some((p) => p.instructions.some((i) => (i.kind === "COPY" || i.kind === "ADD") && i.from === undefined))) {
      const context = output.start("[internal] load build context");
      context.status(`transferring context: ${humanBytes(request.context.size())}`);
      context.done();
    }
    let last: ImageRecord | undefined;
    for (const planned of plan) {
      last = await this.runStage(planned);
      this.stages.set(planned.index, last);
      // The official CLI takes the last aux message as the image (--iidfile): the target's comes after all else.
      if (planned !== plan.at(-1)) output.raw({ aux: { ID: last.id } });
    }
    const image = last!;
    if (request.signal.aborted) throw cancelled();
    const unused = Object.keys(request.buildArgs).filter((name) => !this.consumed.has(name) && !PROXY_ARGS.includes(name));
    if (unused.length > 0) output.text(`[Warning] One or more build-args [${unused.sort().join(" ")}] were not consumed\n`);
    await this.export(image);
    return image.id;
  }

  private async runStage(planned: PlannedStage): Promise<ImageRecord> {
    const { stage, prefix } = planned;
    const fsSteps = 1 + planned.instructions.filter((i) => ["RUN", "COPY", "ADD", "WORKDIR"].includes(i.kind)).length;
    let fsStep = 1;
    this.output.text(`Step ${++this.step}/${this.totalSteps} : ${stage.from.original}\n`);
    const base = await this.from(stage.from, planned.index, `[${prefix}1/${fsSteps}] `);
    const state = new StageState(base, this.request.dockerfile.escape);
    this.output.text(` ---> ${short(base.id)}\n`);
    const triggers = base.config.config?.OnBuild ?? [];
    if (triggers.length > 0) {
      this.output.text(`# Executing ${triggers.length} build trigger${triggers.length > 1 ? "s" : ""}\n`);
      const config = state.nextConfig();
      config.config = { ...config.config, OnBuild: [] };
      state.image = { ...state.image, config };
      for (const trigger of triggers) await this.instruction(state, onbuildTrigger(trigger), planned, undefined);
    }
    for (const instruction of planned.instructions) {
      this.output.text(`Step ${++this.step}/${this.totalSteps} : ${instruction.original}\n`);
      const makesFs = ["RUN", "COPY", "ADD", "WORKDIR"].includes(instruction.kind);
      await this.instruction(state, instruction, planned, makesFs ? `[${prefix}${++fsStep}/${fsSteps}] ` : undefined);
      this.output.text(` ---> ${short(state.image.id)}\n`);
    }
    return state.image;
  }

  /** One instruction: from the cache when it can, else done; the stage's image moves on. */
  private async instruction(state: StageState, instruction: Instruction, planned: PlannedStage, vertexPrefix: string | undefined): Promise<void> {
    if (this.request.signal.aborted) throw cancelled();
    const source = { file: this.request.dockerfileName, line: instruction.line, endLine: instruction.endLine };
    const vertex = vertexPrefix !== undefined ? this.output.start(`${vertexPrefix}${instruction.original}`, source) : undefined;
    const before = state.image.layers.length;
    try {
      if (instruction.kind === "ARG") await this.arg(state, instruction);
      else if (instruction.kind === "RUN") await this.runInstruction(state, instruction, vertex);
      else if (instruction.kind === "COPY" || instruction.kind === "ADD") await this.copy(state, instruction, planned, vertex);
      else if (isConfigInstruction(instruction)) {
        const config = state.nextConfig();
        const createdBy = `${shellOf(config).join(" ")} #(nop)  ${applyConfigInstruction(config, instruction, state.expander(), state.cmd)}`;
        if (instruction.kind === "WORKDIR") await this.workdir(state, config, createdBy, vertex);
        else await this.cachedOrMade(state, { kind: instruction.kind, createdBy }, vertex, async () => ({ image: await state.commit(config, createdBy), fakeContainer: true }));
      }
      if (!vertex?.isCached) vertex?.done(layerSize(state.image, before));
    } catch (error) {
      vertex?.failed(error instanceof StepFailed ? error.buildkit : errorMessage(error));
      throw error;
    }
  }

  /**
   * A step's image by its key from the cache (` ---> Using cache`), or made by `make` and kept
   * there. `fakeContainer`: the classic builder names a container for a step that changes only
   * the config (it creates one to commit), so its text does too.
   */
  private async cachedOrMade(state: StageState, step: StepKey, vertex: Vertex | undefined, make: () => Promise<{ image: ImageRecord; fakeContainer?: boolean }>): Promise<void> {
    // Structured, not the history's text: `RUN ["a b"]` and `RUN ["a", "b"]` print alike.
    const key = await sha256Hex(JSON.stringify([state.image.id, step.kind, step.identity ?? step.createdBy]));
    if (!this.request.noCache) {
      const hit = await this.deps.core.buildCache.get(key);
      if (hit && (await this.layersKept(hit))) {
        this.output.text(" ---> Using cache\n");
        vertex?.cached(layerSize(hit, state.image.layers.length));
        state.image = hit;
        return;
      }
    }
    const made = await make();
    if (made.fakeContainer) {
      const id = this.deps.core.newId();
      this.output.text(` ---> Running in ${short(id)}\n ---> Removed intermediate container ${short(id)}\n`);
    }
    await this.deps.core.buildCache.put(key, made.image, made.image.layers.length > state.image.layers.length, step.createdBy);
    state.image = made.image;
  }

  private async layersKept(image: ImageRecord): Promise<boolean> {
    for (const layer of image.layers) if (!(await this.deps.core.blobs.has(layer.digest))) return false;
    return true;
  }

  private async from(from: FromInstruction, index: number, vertexPrefix: string): Promise<ImageRecord> {
    if (from.platform !== undefined) {
      const platform = expandWord(from.platform, (name) => this.metaValue(name), this.request.dockerfile.escape);
      if (platform !== "linux/386") throw new DrydockError("InvalidParameter", `failed to resolve platform ${platform}: Drydock's Docker host is linux/386, the only platform it builds for`);
    }
    const name = expandWord(from.image, (arg) => this.metaValue(arg), this.request.dockerfile.escape);
    if (name === "") throw new DrydockError("InvalidParameter", `base name (${from.image}) should not be blank`);
    const stage = stageIndex(this.request.dockerfile.stages, name, index);
    if (stage !== undefined) return this.built(stage);
    if (name === "scratch") return { id: await sha256Hex(JSON.stringify(SCRATCH)).then((hex) => `sha256:${hex}`), tags: [], digests: [], config: structuredClone(SCRATCH), layers: [], size: 0 };
    let reference;
    try {
      reference = withDefaultTag(parseReference(name));
    } catch {
      throw new DrydockError("InvalidParameter", `invalid reference format: ${name}`);
    }
    const canonical = canonicalString(reference);
    const metadata = this.output.start(`[internal] load metadata for ${canonical}`);
    let image = this.request.pull ? undefined : await this.deps.core.images.find(canonical);
    if (!image) {
      for await (const message of this.deps.pull(canonical)) {
        if (typeof message.error === "string") {
          metadata.failed(message.error);
          throw new DrydockError("NotFound", message.error);
        }
        this.output.raw(message);
      }
      image = await this.deps.core.images.get(canonical);
    }
    metadata.done();
    const vertex = this.output.start(`${vertexPrefix}FROM ${canonical}`, { file: this.request.dockerfileName, line: from.line, endLine: from.endLine });
    vertex.done();
    return image;
  }

  private async arg(state: StageState, instruction: ArgInstruction): Promise<void> {
    const parts: string[] = [];
    for (const { name, default: fallback } of instruction.args) {
      const given = this.request.buildArgs[name];
      let value: string | undefined;
      if (given !== undefined && given !== null) value = given;
      else if (fallback !== undefined) value = state.expander().word(fallback);
      else if (this.metaArgs.has(name)) value = this.metaArgs.get(name);
      else if (name in PLATFORM_ARGS) value = PLATFORM_ARGS[name];
      this.consumed.add(name);
      state.args.set(name, value);
      parts.push(fallback !== undefined ? `${name}=${fallback}` : name);
    }
    const config = state.nextConfig();
    const createdBy = `${shellOf(config).join(" ")} #(nop)  ARG ${parts.join(" ")}`;
    await this.cachedOrMade(state, { kind: "ARG", createdBy, identity: [createdBy, parts.map((part) => [part, state.args.get(part.split("=")[0]!) ?? null])] }, undefined, async () => ({ image: await state.commit(config, createdBy), fakeContainer: true }));
  }

  private declareMeta(arg: ArgInstruction): void {
    for (const { name, default: fallback } of arg.args) {
      const given = this.request.buildArgs[name];
      const value = given !== undefined && given !== null ? given : fallback !== undefined ? expandWord(fallback, (n) => this.metaValue(n), this.request.dockerfile.escape) : PLATFORM_ARGS[name];
      this.metaArgs.set(name, value);
      this.consumed.add(name);
    }
  }

  private metaValue(name: string): string | undefined {
    return this.metaArgs.get(name) ?? (name in PLATFORM_ARGS ? PLATFORM_ARGS[name] : undefined);
  }

  private async runInstruction(state: StageState, instruction: RunInstruction, vertex: Vertex | undefined): Promise<void> {
    const config = state.image.config;
    const args = runArgs(instruction, shellOf(config));
    const argEnv = state.argEnv();
    const recorded = argEnv.filter(([name]) => !PROXY_ARGS.includes(name));
    const createdBy = `${recorded.length > 0 ? `|${recorded.length} ${recorded.map(([k, v]) => `${k}=${v}`).join(" ")} ` : ""}${args.join(" ")}`;
    await this.cachedOrMade(state, { kind: "RUN", createdBy, identity: { args, argEnv } }, vertex, async () => {
      // One decoder for the step: a character split across two chunks stays whole.
      const decoder = new TextDecoder();
      const result = await runStep(this.deps.core, {
        image: state.image,
        args,
        env: [...(config.config?.Env ?? []), ...argEnv.map(([k, v]) => `${k}=${v}`)],
        cwd: config.config?.WorkingDir || "/",
        user: config.config?.User || undefined,
        signal: this.request.signal,
        onContainer: (id) => this.output.text(` ---> Running in ${short(id)}\n`),
        onOutput: (stream, bytes) => {
          this.output.text(decoder.decode(bytes, { stream: true }));
          vertex?.log(stream, bytes);
        },
      });
      if (!result.layer) throw StepFailed.exited(args, result.exit.exitCode);
      // A RUN that changed nothing makes no layer, as Docker records it (an empty_layer step).
      const layer = (await isEmptyLayer(result.layer)) ? undefined : await storeLayer(this.deps.core, result.layer);
      this.output.text(` ---> Removed intermediate container ${short(result.containerId)}\n`);
      return { image: await state.commit(state.nextConfig(), createdBy, layer) };
    });
  }

  private async copy(state: StageState, instruction: CopyInstruction, planned: PlannedStage, vertex: Vertex | undefined): Promise<void> {
    const made = await copyStep(this.deps.core.imageFs, this.request.context, state, instruction, async (from) => this.copySource(from, planned));
    const createdBy = `${shellOf(state.image.config).join(" ")} #(nop) ${instruction.kind} ${made.summary} in ${made.dest} `;
    await this.cachedOrMade(state, { kind: instruction.kind, createdBy }, vertex, async () => {
      const layer = await storeLayer(this.deps.core, writeTar(made.entries));
      return { image: await state.commit(state.nextConfig(), createdBy, layer) };
    });
  }

  /**
   * An earlier stage's image. The plan follows the names as written: one reached only through
   * a variable (`FROM $BASE`) was not planned, and is said so rather than built out of order.
   */
  private built(stage: number): ImageRecord {
    const image = this.stages.get(stage);
    if (!image) throw new DrydockError("InvalidParameter", `stage ${this.request.dockerfile.stages[stage]?.from.name ?? stage} is named through a variable: Drydock builds the stages a target needs by the names written in FROM and --from`);
    return image;
  }

  /** What COPY --from names: an earlier stage, or an image (pulled when missing). */
  private async copySource(from: string, planned: PlannedStage): Promise<ImageRecord> {
    const stage = stageIndex(this.request.dockerfile.stages, from, planned.index);
    if (stage !== undefined) return this.built(stage);
    const found = await this.deps.core.images.find(from);
    if (found) return found;
    for await (const message of this.deps.pull(from)) if (typeof message.error === "string") throw new DrydockError("NotFound", message.error);
    return this.deps.core.images.get(from);
  }

  /** WORKDIR makes its directory when the image lacks it (a layer), as the classic builder does. */
  private async workdir(state: StageState, config: ImageConfig, createdBy: string, vertex: Vertex | undefined): Promise<void> {
    const dir = config.config?.WorkingDir ?? "/";
    await this.cachedOrMade(state, { kind: "WORKDIR", createdBy }, vertex, async () => {
      const fs = await this.deps.core.imageFs.open(state.image.layers.map((layer) => layer.digest));
      // Through the image's links: a WORKDIR under /var/run (a link to /run) is made in /run.
      const path = fs.resolvePath(dir);
      const existing = fs.get(path);
      if (existing && existing.type !== "directory") throw new DrydockError("InvalidParameter", `mkdir /${path}: not a directory`);
      if (existing) return { image: await state.commit(config, createdBy), fakeContainer: true };
      const entries = new LayerEntries(fs);
      entries.directory(path, { mode: 0o755, uid: 0, gid: 0, mtime: Math.floor(Date.now() / 1000) });
      const layer: LayerRecord = await storeLayer(this.deps.core, writeTar(entries.entries));
      return { image: await state.commit(config, createdBy, layer), fakeContainer: true };
    });
  }

  /** `exporting to image`: the image recorded and tagged, as Docker's build ends. */
  private async export(image: ImageRecord): Promise<void> {
    const { core } = this.deps;
    const vertex = this.output.start("exporting to image");
    vertex.status("exporting layers");
    vertex.status(`writing image ${image.id}`);
    const existing = await core.images.find(image.id);
    await core.images.put({ ...image, tags: [...new Set([...(existing?.tags ?? []), ...this.request.tags])], digests: existing?.digests ?? [] });
    for (const tag of this.request.tags) vertex.status(`naming to ${tag}`);
    vertex.done();
    this.output.raw({ aux: { ID: image.id } });
    this.output.text(`Successfully built ${short(image.id)}\n`);
    for (const tag of this.request.tags) {
      core.events.emit("image", "tag", image.id, { name: displayName(tag) });
      this.output.text(`Successfully tagged ${familiarString(parseReference(tag))}\n`);
    }
  }
}

/** What names a step in the cache, beside its parent image: its kind, and what it does (the history's text unless given). */
interface StepKey {
  kind: string;
  createdBy: string;
  identity?: unknown;
}

/** The size of the layer a step added to an image that had `before` layers (0 when it added none). */
function layerSize(image: ImageRecord, before: number): number {
  const layer = image.layers.length > before ? image.layers.at(-1)! : undefined;
  return layer ? (layer.unpackedSize ?? layer.size) : 0;
}

/** RUN's argv: the exec form as written; the shell form through SHELL, heredocs as the shell reads them. */
function runArgs(instruction: RunInstruction, shell: readonly string[]): string[] {
  const { command, heredocs } = instruction;
  if (command.form === "exec" || heredocs.length === 0) return commandArgs(command, shell);
  // `RUN <<EOF` alone runs the heredoc as the script (BuildKit's rule); otherwise the shell
  // gets the command line with the heredocs after it, as it would read them from a file.
  const only = heredocs.length === 1 ? heredocs[0]! : undefined;
  if (only && /^<<-?\s*(["']?)[^"'\s]+\1\s*$/.test(command.command.trim())) return [...shell, only.chomp ? chompHeredoc(only.content) : only.content];
  return [...shell, `${command.command}\n${heredocs.map((h) => `${h.content}${h.content.endsWith("\n") || h.content === "" ? "" : "\n"}${h.name}`).join("\n")}\n`];
}

function shellOf(config: ImageConfig): string[] {
  return config.config?.Shell ?? DEFAULT_SHELL;
}

/** `--label`s as the LABEL step Docker appends to the target stage. */
function labelInstruction(labels: Record<string, string>): Instruction | undefined {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return undefined;
  const original = `LABEL ${keys.map((key) => `${JSON.stringify(key)}='${labels[key]}'`).join(" ")}`;
  return { kind: "LABEL", line: 0, endLine: 0, original, pairs: keys.map((key) => ({ key: `'${key.replace(/'/g, "'\\''")}'`, value: `'${labels[key]!.replace(/'/g, "'\\''")}'` })) };
}

/** An image's ONBUILD trigger as the instruction it is. */
function onbuildTrigger(trigger: string): Instruction {
  const instruction = parseDockerfile(`FROM scratch\n${trigger}\n`).stages[0]?.instructions[0];
  if (!instruction) throw new DrydockError("InvalidParameter", `invalid ONBUILD trigger: ${trigger}`);
  return instruction;
}

/** Docker's sizes in the context line: 2B, 2.05kB, 1.20MB. */
function humanBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes}B`;
  const units = ["kB", "MB", "GB"];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(2)}${units[unit]}`;
}
