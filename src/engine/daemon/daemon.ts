import { AsyncQueue } from "../../shared/async-queue";
import { DrydockError, errorMessage } from "../../shared/errors";
import type { ContainerCreateBody } from "../../shared/engine-api";
import type { ByteStream } from "../../shared/byte-stream";
import { capabilitySet } from "../container/capabilities";
import { Container, type WaitCondition } from "../container/container";
import { Exec, type ExecConfig } from "../container/exec";
import { StdinBuffer } from "../container/stdin-buffer";
import { randomName } from "../container/names";
import { restartDelay, shouldRestart, validateRestartPolicy } from "../container/restart-policy";
import { parseSignal } from "../container/signals";
import { stdioFrame } from "../container/stdio-frame";
import { displayName, ImageStore, type ImageRecord } from "../image/image-store";
import { pullImage, type ProgressMessage } from "../image/pull";
import { ContainerRecords } from "./container-records";
import { EventLog } from "./events";
import { canonicalString, parseReference, withDefaultTag } from "../image/reference";
import type { LayerStore } from "../layer/layer-store";
import type { RegistryClient } from "../registry/registry-client";
import { MAX_ARGS_AND_ENV, StartFailure, type ContainerConfig, type ContainerStats, type ProcessEntry, type Resources, type Runtime } from "../runtime/runtime";
import type { BlobStore } from "../storage/blob-store";
import type { KvStore } from "../storage/kv-store";

export interface DaemonOptions {
  runtime: Runtime;
  layers: LayerStore;
  blobs: BlobStore;
  kv: KvStore;
  registry: RegistryClient;
  /** Random bytes for container IDs (crypto.getRandomValues in both platforms). */
  random?: (bytes: Uint8Array) => Uint8Array;
}

const NAME = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
/** The Docker daemon: images and containers, behind every Engine API route. */
export class Daemon {
  readonly images: ImageStore;
  readonly events = new EventLog();
  private readonly containers = new Map<string, Container>();
  private readonly execs = new Map<string, Exec>();
  private readonly restartTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Names taken by a create still on its way (between its check and its record). */
  private readonly reservedNames = new Map<string, string>();
  /** Containers whose removal is under way: a second `rm` is Docker's conflict, not a second try. */
  private readonly removing = new Set<string>();
  private readonly records: ContainerRecords;

  constructor(private readonly options: DaemonOptions) {
    this.images = new ImageStore(options.kv);
    this.records = new ContainerRecords(options.kv);
  }

  // ---- images

  pull(image: string, tag: string | undefined): AsyncGenerator<ProgressMessage> {
    const reference = parseReference(tag && !image.includes("@") ? `${image}:${tag}` : image);
    return pullImage(reference, { ...this.options, images: this.images }, (name) => this.events.emit("image", "pull", name, { name: name.replace(/:[^:/]+$/, "") }));
  }

  async removeImage(name: string, force: boolean): Promise<{ Untagged?: string; Deleted?: string }[]> {
    const image = await this.images.get(name);
    const users = [...this.containers.values()].filter((c) => c.imageId === image.id);
    // By one of its tags (not by ID): with other tags left, only that tag goes.
    const canonical = canonicalOf(name);
    const byReference = canonical !== undefined && image.tags.includes(canonical);
    if (byReference && image.tags.length > 1) {
      await this.images.put({ ...image, tags: image.tags.filter((t) => t !== canonical) });
      this.events.emit("image", "untag", image.id, { name: displayName(name) });
      return [{ Untagged: displayName(name) }];
    }
    const running = users.find((c) => c.state.Running);
    if (running) {
      throw new DrydockError("Conflict", `conflict: unable to delete ${image.id.slice(7, 19)} (cannot be forced) - image is being used by running container ${running.id.slice(0, 12)}`);
    }
    if (users.length > 0 && !force) {
      const user = users[0]!.id.slice(0, 12);
      throw new DrydockError(
        "Conflict",
        byReference
          ? `conflict: unable to remove repository reference "${name}" (must force) - container ${user} is using its referenced image ${image.id.slice(7, 19)}`
          : `conflict: unable to delete ${image.id.slice(7, 19)} (must be forced) - image is being used by stopped container ${user}`,
      );
    }
    if (!byReference && image.tags.length > 1 && !force) {
      throw new DrydockError("Conflict", `conflict: unable to delete ${image.id.slice(7, 19)} (must be forced) - image is referenced in multiple repositories`);
    }
    const result: { Untagged?: string; Deleted?: string }[] = [];
    for (const tag of image.tags) result.push({ Untagged: displayName(tag) });
    for (const digest of image.digests) result.push({ Untagged: displayName(digest) });
    await this.images.delete(image.id);
    result.push({ Deleted: image.id });
    for (const tag of image.tags) this.events.emit("image", "untag", image.id, { name: displayName(tag) });
    this.events.emit("image", "delete", image.id, { name: image.id });
    for (const layer of image.layers) {
      const stillUsed = (await this.images.list()).some((other) => other.layers.some((l) => l.digest === layer.digest));
      if (!stillUsed) await this.options.blobs.delete(layer.digest);
    }
    return result;
  }

  async tagImage(name: string, repo: string, tag: string | undefined): Promise<void> {
    const image = await this.images.get(name);
    const target = canonicalString(withDefaultTag(parseReference(tag ? `${repo}:${tag}` : repo)));
    await this.images.put({ ...image, tags: [...new Set([...image.tags, target])] });
    this.events.emit("image", "tag", image.id, { name: displayName(target) });
  }

  // ---- containers

  async createContainer(body: ContainerCreateBody, requestedName: string | undefined): Promise<{ Id: string; Warnings: string[] }> {
    if (!body.Image) throw new DrydockError("InvalidParameter", "config cannot be empty in order to create a container");
    if (requestedName && !NAME.test(requestedName)) {
      throw new DrydockError("InvalidParameter", `Invalid container name (${requestedName}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
    }
    const name = requestedName ? requestedName.replace(/^\//, "") : randomName((n) => this.nameTaken(n));
    this.assertNameFree(name);
    const id = this.newId();
    this.reservedNames.set(name, id);
    try {
      const image = await this.images.get(body.Image);
      validateRestartPolicy(body.HostConfig ?? {});
      const { path, args } = command(body, image);
      checkArgsAndEnv([path, ...args], mergeEnv(image.config.config?.Env ?? [], body.Env ?? []));
      await this.unpackLayers(image);
      await this.options.runtime.create({ id, layers: image.config.rootfs.diff_ids, ...runtimeLimits(body) });
      // The image's STOPSIGNAL is the container's unless it names its own, as Docker merges it at create.
      const stopSignal = body.StopSignal || image.config.config?.StopSignal;
      const container = new Container(id, `/${name}`, new Date().toISOString(), image.id, { ...body, Image: body.Image, ...(stopSignal ? { StopSignal: stopSignal } : {}) }, path, args);
      this.containers.set(id, container);
      await this.save(container);
      this.emitContainer(container, "create");
      return { Id: id, Warnings: [] };
    } finally {
      this.reservedNames.delete(name);
    }
  }

  async startContainer(nameOrId: string, byPolicy = false): Promise<void> {
    const container = this.get(nameOrId);
    if (container.state.Running) throw new DrydockError("NotModified", "container already started");
    if (container.state.Dead) throw new DrydockError("Conflict", "container is marked for removal and cannot be started");
    this.cancelRestart(container);
    if (!byPolicy) {
      container.manuallyStopped = false;
      container.restartCount = 0;
    }
    const image = await this.images.get(container.imageId);
    const config = container.config;
    const host = config.HostConfig ?? {};
    try {
      const process = await this.options.runtime.start(container.id, {
        args: [container.path, ...container.args],
        env: mergeEnv(image.config.config?.Env ?? [], config.Env ?? []),
        cwd: config.WorkingDir || image.config.config?.WorkingDir || "/",
        user: config.User || image.config.config?.User || undefined,
        tty: config.Tty ?? false,
        stdin: config.OpenStdin ?? false,
        size: config.Tty && host.ConsoleSize?.[0] ? { rows: host.ConsoleSize[0], cols: host.ConsoleSize[1] } : undefined,
        hostname: config.Hostname || container.id.slice(0, 12),
        network: host.NetworkMode === "host" ? "host" : "none",
        readonlyRootfs: host.ReadonlyRootfs ?? false,
        privileged: host.Privileged ?? false,
        capabilities: capabilitySet(host.CapAdd ?? [], host.CapDrop ?? []),
      });
      container.started(process);
      await this.save(container);
      this.emitContainer(container, "start");
      void process.wait().then(
        (status) => this.onExit(container, status),
        (error: unknown) => this.onExit(container, undefined, error instanceof Error ? error.message : String(error)),
      );
    } catch (error) {
      if (!(error instanceof StartFailure)) throw error;
      const message = `failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${error.message}: unknown`;
      container.exited({ exitCode: error.exitCode, oomKilled: false }, message);
      await this.save(container);
      if (config.HostConfig?.AutoRemove) await this.forget(container);
      else if (byPolicy) this.scheduleRestart(container);
      throw new DrydockError(error.exitCode === 127 || error.exitCode === 126 ? "InvalidParameter" : "Internal", message);
    }
  }

  async attachContainer(
    nameOrId: string,
    connection: ByteStream,
    options: { stdin: boolean; stdout: boolean; stderr: boolean; logs: boolean; early?: Uint8Array; detachKeys: readonly number[] },
  ): Promise<void> {
    const container = this.get(nameOrId);
    // Listen before the first await: a client's bytes (and its end) can come at once.
    const stdinDone = options.stdin ? container.attachStdin(connection, options.early, options.detachKeys) : undefined;
    this.emitContainer(container, "attach");
    if (options.logs) {
      for (const entry of container.logs.all()) {
        if (entry.stream === "stdout" ? options.stdout : options.stderr) await connection.write(container.tty ? entry.bytes : stdioFrame(entry.stream, entry.bytes));
      }
    }
    if (!container.state.Running && container.state.Status !== "created") {
      connection.end();
      return;
    }
    await Promise.all([container.attachOutput(connection, options), stdinDone]);
  }

  async waitContainer(nameOrId: string, condition: WaitCondition): Promise<number> {
    return this.get(nameOrId).wait(condition);
  }

  async *logs(nameOrId: string, options: { stdout: boolean; stderr: boolean; follow: boolean; tail: string; since: number; until: number; timestamps: boolean; signal: AbortSignal }): AsyncGenerator<Uint8Array> {
    const container = this.get(nameOrId);
    const encoder = new TextEncoder();
    const wanted = (stream: "stdout" | "stderr") => (stream === "stdout" ? options.stdout : options.stderr);
    const format = (entry: { stream: "stdout" | "stderr"; time: number; bytes: Uint8Array }) => {
      const bytes = options.timestamps ? concatLine(encoder.encode(new Date(entry.time).toISOString().replace("Z", "000000Z") + " "), entry.bytes) : entry.bytes;
      return container.tty ? bytes : stdioFrame(entry.stream, bytes);
    };
    let entries = container.logs.all().filter((e) => wanted(e.stream) && e.time >= options.since * 1000 && (!options.until || e.time <= options.until * 1000));
    const tail = Number(options.tail);
    if (options.tail !== "all" && options.tail !== "" && Number.isInteger(tail) && tail >= 0) entries = tail === 0 ? [] : entries.slice(-tail);
    const queue = new AsyncQueue<Uint8Array>();
    const stop = options.follow && container.state.Running ? container.logs.follow((entry) => wanted(entry.stream) && queue.push(format(entry))) : undefined;
    for (const entry of entries) yield format(entry);
    if (!stop) return;
    // Following ends with the container's exit, or when the client goes.
    void container.wait("next-exit").then(() => queue.close());
    options.signal.addEventListener("abort", () => queue.close());
    try {
      yield* queue.drain();
    } finally {
      stop();
    }
  }

  async stopContainer(nameOrId: string, timeoutSeconds: number | undefined, signal: string | undefined): Promise<void> {
    const container = this.get(nameOrId);
    container.manuallyStopped = true;
    if (this.cancelRestart(container)) {
      container.state = { ...container.state, Restarting: false, Status: "exited" };
      await this.save(container);
      return;
    }
    if (!container.state.Running) throw new DrydockError("NotModified", "container already stopped");
    const exited = container.wait("next-exit");
    const stopSignal = signal || container.config.StopSignal;
    await this.options.runtime.stop(container.id, { timeoutSeconds: timeoutSeconds ?? container.config.StopTimeout ?? 10, signal: stopSignal ? parseSignal(stopSignal) : undefined });
    await exited;
  }

  async killContainer(nameOrId: string, signal: string): Promise<void> {
    const container = this.get(nameOrId);
    const number = parseSignal(signal || "KILL");
    if (!container.state.Running) throw new DrydockError("Conflict", `Cannot kill container: ${nameOrId}: Container ${container.id} is not running`);
    const exited = number === 9 ? container.wait("next-exit") : undefined;
    container.manuallyStopped = true;
    await this.options.runtime.kill(container.id, number);
    this.emitContainer(container, "kill", { signal: String(number) });
    await exited;
  }

  async removeContainer(nameOrId: string, force: boolean): Promise<void> {
    const container = this.get(nameOrId);
    if (container.state.Running) {
      if (!force) {
        throw new DrydockError("Conflict", `cannot remove container "${container.name}": container is running: stop the container before removing or force remove`);
      }
      const exited = container.wait("next-exit");
      await this.options.runtime.kill(container.id, 9).catch(() => undefined);
      await exited;
    }
    await this.forget(container);
  }

  async pauseContainer(nameOrId: string, pause: boolean): Promise<void> {
    const container = this.get(nameOrId);
    if (!container.state.Running) throw new DrydockError("Conflict", `Container ${container.id} is not running`);
    if (pause && container.state.Paused) throw new DrydockError("Conflict", `Container ${container.id} is already paused`);
    if (!pause && !container.state.Paused) throw new DrydockError("Conflict", `Container ${container.id} is not paused`);
    await (pause ? this.options.runtime.pause(container.id) : this.options.runtime.unpause(container.id));
    container.state = { ...container.state, Paused: pause, Status: pause ? "paused" : "running" };
    await this.save(container);
    this.emitContainer(container, pause ? "pause" : "unpause");
  }

  /** A stats sample; a container that is not running has none (Docker gives zeros). */
  async stats(nameOrId: string): Promise<ContainerStats | undefined> {
    const container = this.get(nameOrId);
    return container.state.Running ? this.options.runtime.stats(container.id) : undefined;
  }

  top(nameOrId: string): Promise<ProcessEntry[]> {
    return this.options.runtime.top(this.get(nameOrId).id);
  }

  async renameContainer(nameOrId: string, newName: string): Promise<void> {
    const container = this.get(nameOrId);
    if (!NAME.test(newName)) throw new DrydockError("InvalidParameter", `Invalid container name (${newName}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
    this.assertNameFree(newName.replace(/^\//, ""));
    const oldName = container.name;
    container.name = `/${newName.replace(/^\//, "")}`;
    await this.save(container);
    this.emitContainer(container, "rename", { oldName });
  }

  // ---- exec

  createExec(nameOrId: string, config: ExecConfig): { Id: string } {
    const container = this.get(nameOrId);
    if (!container.state.Running) throw new DrydockError("Conflict", `container ${container.id} is not running`);
    if (container.state.Paused) throw new DrydockError("Conflict", `Container ${container.id} is paused, unpause the container before exec`);
    if (!config.Cmd || config.Cmd.length === 0) throw new DrydockError("InvalidParameter", "No exec command specified");
    checkArgsAndEnv(config.Cmd, [...(container.config.Env ?? []), ...(config.Env ?? [])]);
    const exec = new Exec(this.newId(), container.id, config);
    this.execs.set(exec.id, exec);
    this.emitContainer(container, `exec_create: ${config.Cmd.join(" ")}`, { execID: exec.id });
    return { Id: exec.id };
  }

  getExec(id: string): Exec {
    const exec = this.execs.get(id);
    if (!exec) throw new DrydockError("NotFound", `No such exec instance: ${id}`);
    return exec;
  }

  /**
   * Runs an exec. With a connection (attached), its output goes there and the connection's
   * bytes to its stdin; a process that cannot start says so on the stream, as Docker's does.
   * A console size given at start wins over the one given at create.
   */
  async startExec(id: string, connection: ByteStream | undefined, early: Uint8Array = new Uint8Array(0), consoleSize?: [number, number]): Promise<void> {
    const exec = this.getExec(id);
    if (exec.started) throw new DrydockError("Conflict", `Error: Exec command ${id} has already run`);
    const container = this.get(exec.containerId);
    if (!container.state.Running) throw new DrydockError("Conflict", `container ${container.id} is not running`);
    exec.started = true;
    const config = exec.config;
    // Listen before the first await: a client's bytes (and its end) can come at once.
    const stdin = new StdinBuffer();
    if (connection && config.AttachStdin) {
      stdin.write(early);
      connection.onData((bytes) => stdin.write(bytes));
      connection.onEnd(() => stdin.end());
    }
    this.emitContainer(container, `exec_start: ${(exec.config.Cmd ?? []).join(" ")}`, { execID: exec.id });
    const image = await this.images.get(container.imageId);
    const tty = config.Tty ?? false;
    const size = consoleSize ?? config.ConsoleSize;
    const encoder = new TextEncoder();
    try {
      const process = await this.options.runtime.exec(container.id, {
        args: config.Cmd ?? [],
        env: mergeEnv(mergeEnv(image.config.config?.Env ?? [], container.config.Env ?? []), config.Env ?? []),
        cwd: config.WorkingDir || container.config.WorkingDir || image.config.config?.WorkingDir || "/",
        user: config.User || container.config.User || image.config.config?.User || undefined,
        tty,
        stdin: (config.AttachStdin ?? false) && connection !== undefined,
        size: size ? { rows: size[0], cols: size[1] } : undefined,
        privileged: (config.Privileged ?? false) || (container.config.HostConfig?.Privileged ?? false),
        capabilities: capabilitySet(container.config.HostConfig?.CapAdd ?? [], container.config.HostConfig?.CapDrop ?? []),
      });
      exec.process = process;
      exec.running = true;
      exec.pid = process.pid;
      if (connection) {
        process.onOutput(async (stream, bytes) => {
          if (stream === "stdout" ? config.AttachStdout !== false : config.AttachStderr !== false) {
            await connection.write(tty ? bytes : stdioFrame(stream, bytes));
          }
        });
      }
      stdin.connect(process);
      const status = await process.wait().catch(() => ({ exitCode: 255, oomKilled: false }));
      exec.exitCode = status.exitCode;
    } catch (error) {
      if (!(error instanceof StartFailure)) throw error;
      exec.exitCode = error.exitCode;
      const message = `OCI runtime exec failed: exec failed: unable to start container process: ${error.message}: unknown\r\n`;
      if (connection) await connection.write(tty ? encoder.encode(message) : stdioFrame("stdout", encoder.encode(message)));
    } finally {
      exec.running = false;
      exec.process = undefined;
      this.emitContainer(container, "exec_die", { execID: exec.id, exitCode: String(exec.exitCode) });
      connection?.end();
    }
  }

  list(): Container[] {
    return [...this.containers.values()];
  }

  /** By full ID, name (with or without the slash), or unique ID prefix, as Docker finds them. */
  get(nameOrId: string): Container {
    const exact = this.containers.get(nameOrId) ?? this.byName(nameOrId.replace(/^\//, ""));
    if (exact) return exact;
    const matches = /^[a-f0-9]+$/.test(nameOrId) ? [...this.containers.values()].filter((c) => c.id.startsWith(nameOrId)) : [];
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) throw new DrydockError("InvalidParameter", `multiple IDs found with provided prefix: ${nameOrId}`);
    throw new DrydockError("NotFound", `No such container: ${nameOrId}`);
  }

  imageOf(container: Container): Promise<ImageRecord | undefined> {
    return this.images.find(container.imageId);
  }

  /**
   * Containers from the record store (a daemon restart). Their VM is new: each gets a fresh root
   * file system from its image, and one that was running is exited (255), as Docker reports a
   * container whose daemon went away.
   */
  async restore(): Promise<void> {
    const records = await this.records.load();
    // Stores written before removals were made durable may hold two records of one name: the
    // newest keeps it (the container the user made last), an older one gets a fresh name.
    const holders = new Map(records.map((record) => [record.name, record.id]));
    for (const record of records) {
      if (this.containers.has(record.id)) continue;
      const image = await this.images.find(record.imageId);
      if (!image) continue;
      const name = holders.get(record.name) === record.id ? record.name : `/${randomName((n) => this.nameTaken(n) || holders.has(`/${n}`))}`;
      const container = new Container(record.id, name, record.created, record.imageId, record.config, record.path, record.args);
      container.state = record.state.Running || record.state.Restarting
        ? { ...record.state, Status: "exited", Running: false, Paused: false, Pid: 0, ExitCode: 255, Error: "the daemon restarted", FinishedAt: new Date().toISOString() }
        : record.state;
      container.restartCount = record.restartCount ?? 0;
      container.manuallyStopped = record.manuallyStopped ?? false;
      this.containers.set(record.id, container);
      try {
        await this.unpackLayers(image);
        await this.options.runtime.create({ id: record.id, layers: image.config.rootfs.diff_ids, ...runtimeLimits(record.config) });
      } catch (error) {
        // One container the new VM cannot make (a setting an older Drydock took without using)
        // must not keep the daemon from starting: it stays, dead, as Docker keeps one it could not restore.
        container.state = { ...container.state, Status: "dead", Dead: true, Error: `restoring the container: ${errorMessage(error)}` };
        await this.save(container);
        continue;
      }
      await this.save(container);
      // always, and unless-stopped when nobody stopped it, come back with the daemon.
      const policy = record.config.HostConfig?.RestartPolicy?.Name;
      if ((policy === "always" || policy === "unless-stopped") && !container.manuallyStopped) await this.startContainer(container.id, true).catch(() => undefined);
    }
  }


  /** An image's layers into the VM's layer store (a new VM starts without them). */
  private async unpackLayers(image: ImageRecord): Promise<void> {
    for (const [i, layer] of image.layers.entries()) {
      await this.options.layers.unpack(image.config.rootfs.diff_ids[i]!, await this.options.blobs.get(layer.digest));
    }
  }

  private save(container: Container): Promise<void> {
    return this.records.save(container);
  }

  private byName(name: string): Container | undefined {
    return [...this.containers.values()].find((c) => c.name === `/${name}`);
  }

  private nameTaken(name: string): boolean {
    return this.reservedNames.has(name) || this.byName(name) !== undefined;
  }

  /** Docker's conflict, also against a create of the same name still on its way. */
  private assertNameFree(name: string): void {
    const by = this.byName(name)?.id ?? this.reservedNames.get(name);
    if (by === undefined) return;
    throw new DrydockError("Conflict", `Conflict. The container name "/${name}" is already in use by container "${by}". You have to remove (or rename) that container to be able to reuse that name.`);
  }

  private async onExit(container: Container, status: Parameters<Container["exited"]>[0], error = ""): Promise<void> {
    container.exited(status, error);
    await this.save(container).catch(() => undefined);
    this.emitContainer(container, "die", { exitCode: String(container.state.ExitCode) });
    if (container.config.HostConfig?.AutoRemove) await this.forget(container).catch(() => undefined);
    else this.scheduleRestart(container);
  }

  /** The restart policy's turn: start again after Docker's back-off, or leave it exited. */
  private scheduleRestart(container: Container): void {
    const host = container.config.HostConfig ?? {};
    if (!this.containers.has(container.id) || !shouldRestart(host, container.state.ExitCode, container.restartCount, container.manuallyStopped)) return;
    // A container that ran for a while starts its back-off again.
    const ranMs = Date.parse(container.state.FinishedAt) - Date.parse(container.state.StartedAt);
    const attempt = ranMs > 10_000 ? 0 : container.restartCount;
    container.restartCount++;
    container.state = { ...container.state, Restarting: true, Status: "restarting" };
    void this.save(container).catch(() => undefined);
    const timer = setTimeout(() => {
      this.restartTimers.delete(container.id);
      container.state = { ...container.state, Restarting: false };
      this.emitContainer(container, "restart");
      void this.startContainer(container.id, true).catch(() => undefined);
    }, restartDelay(attempt));
    this.restartTimers.set(container.id, timer);
  }

  /** True when a restart was pending (and is no more). */
  private cancelRestart(container: Container): boolean {
    const timer = this.restartTimers.get(container.id);
    if (timer === undefined) return false;
    clearTimeout(timer);
    this.restartTimers.delete(container.id);
    return true;
  }

  /**
   * The guest's part first, then the record: a container the runtime could not remove (a
   * process that would not die) stays listed, dead, as Docker keeps it, and `rm -f` tries again.
   */
  private async forget(container: Container): Promise<void> {
    if (this.removing.has(container.id)) throw new DrydockError("Conflict", `removal of container ${container.id} is already in progress`);
    this.removing.add(container.id);
    this.cancelRestart(container);
    try {
      await this.options.runtime.remove(container.id).catch((error: unknown) => {
        if (!(error instanceof DrydockError && error.kind === "NotFound")) throw error;
      });
    } catch (error) {
      container.state = { ...container.state, Status: "dead", Dead: true, Error: errorMessage(error) };
      await this.save(container);
      throw error;
    } finally {
      this.removing.delete(container.id);
    }
    this.containers.delete(container.id);
    await this.records.remove(container.id);
    container.removed();
    this.emitContainer(container, "destroy");
  }


  private emitContainer(container: Container, action: string, extra: Record<string, string> = {}): void {
    const attributes: Record<string, string> = { ...(container.config.Labels ?? {}), image: container.config.Image ?? "", name: container.name.slice(1), ...extra };
    this.events.emit("container", action, container.id, attributes);
  }

  private newId(): string {
    const bytes = this.options.random ? this.options.random(new Uint8Array(32)) : crypto.getRandomValues(new Uint8Array(32));
    return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  }
}

function canonicalOf(name: string): string | undefined {
  try {
    return canonicalString(withDefaultTag(parseReference(name)));
  } catch {
    return undefined;
  }
}

/** What the runtime enforces for a container from the moment it is created. */
function runtimeLimits(body: ContainerCreateBody): Pick<ContainerConfig, "resources" | "privileged" | "devices"> {
  const host = body.HostConfig ?? {};
  const resources: Resources = {
    memoryBytes: host.Memory || undefined,
    pidsLimit: host.PidsLimit && host.PidsLimit > 0 ? host.PidsLimit : undefined,
    nanoCpus: host.NanoCpus || undefined,
    cpuQuota: host.CpuQuota || undefined,
    cpuPeriod: host.CpuPeriod || undefined,
    cpuShares: host.CpuShares || undefined,
  };
  const devices = (host.Devices ?? []).map((d) => `${d.PathOnHost ?? ""}:${d.PathInContainer || d.PathOnHost || ""}:${d.CgroupPermissions || "rwm"}`);
  return { resources, privileged: host.Privileged ?? false, devices };
}

/** Entrypoint + Cmd, the container's over the image's, as Docker composes them. */
function command(body: ContainerCreateBody, image: ImageRecord): { path: string; args: string[] } {
  const list = (value: string[] | string | null | undefined) => (value === undefined || value === null ? undefined : typeof value === "string" ? [value] : value);
  const entrypoint = list(body.Entrypoint) ?? list(image.config.config?.Entrypoint) ?? [];
  const cmd = list(body.Cmd) ?? (list(body.Entrypoint) ? [] : (list(image.config.config?.Cmd) ?? []));
  const all = [...entrypoint, ...cmd];
  if (all.length === 0) throw new DrydockError("InvalidParameter", "no command specified");
  return { path: all[0]!, args: all.slice(1) };
}

/** Refused at create, before anything is made, rather than failing every start. */
function checkArgsAndEnv(args: readonly string[], env: readonly string[]): void {
  const encoder = new TextEncoder();
  const bytes = [...args, ...env].reduce((sum, text) => sum + encoder.encode(text).length + 1, 0);
  if (bytes > MAX_ARGS_AND_ENV) {
    throw new DrydockError("InvalidParameter", `the command and environment take ${bytes} bytes: Drydock passes at most ${MAX_ARGS_AND_ENV} bytes (${MAX_ARGS_AND_ENV / 1024} KiB) of them to a container's process`);
  }
}

/** The image's environment with the container's on top (same name replaced). */
function mergeEnv(base: string[], extra: string[]): string[] {
  const out = new Map<string, string>();
  for (const entry of [...base, ...extra]) out.set(entry.split("=")[0]!, entry);
  return [...out.values()];
}

function concatLine(prefix: Uint8Array, bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(prefix.length + bytes.length);
  out.set(prefix);
  out.set(bytes, prefix.length);
  return out;
}
