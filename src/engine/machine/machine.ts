import type { BootMode, BootProgress } from "../../shared/boot";
import type { Disposable } from "../../shared/disposable";
import { DrydockError, errorKind } from "../../shared/errors";
import type { GuestFile, ImageManifest, SnapshotInfo } from "../../shared/images";
import {
  COLD_BOOT_TIMEOUT_MS,
  KERNEL_CMDLINE,
  MANIFEST,
  MEMORY_BYTES,
  PROMPT,
  REBUILD_IMAGES_HINT,
  RESTORE_TIMEOUT_MS,
  SNAPSHOT_INFO,
} from "./boot-config";
import { lastLines, runOnConsole, type CommandResult } from "./console-command";
import { ControlLine } from "./control-line";
import type { BootMedia, Emulator, EmulatorFactory } from "./emulator";
import { GuestConsole } from "./guest-console";
import { GuestFiles } from "./guest-files";
import { DEFAULT_IDLE_TIMINGS, IdlePauser, type IdleTimings } from "./idle-pauser";
import { readJson, verifyImage, type ImageSource } from "./image-source";
import { snapshotInputs } from "./snapshot-inputs";


export interface MachineOptions {
  images: ImageSource;
  emulator: EmulatorFactory;
  /** Compiles v86.wasm (from the disk in Node, the network in the browser). */
  compileWasm: () => Promise<WebAssembly.Module>;
  v86Version: string;
  onProgress?: (progress: BootProgress) => void;
  /** Told when the machine falls back to a cold boot, and why. */
  onNotice?: (message: string) => void;
  /** Boot from the kernel even when a snapshot is there (used to save a new one). */
  coldBoot?: boolean;
  /** When to pause the emulator while nothing runs; `false` keeps it running. */
  idle?: IdleTimings | false;
  /** Overrides how long to wait for the guest's prompt. */
  bootTimeoutMs?: number;
}

/**
 * The Docker host VM: an i686 Linux in v86, started from a saved snapshot when one matches the
 * images, else cold-booted. Exposes the learner's console and the 9p tree shared with the guest.
 */
export class Machine implements Disposable {
  readonly console: GuestConsole;
  readonly files: GuestFiles;
  private readonly control: ControlLine;
  private pauser: IdlePauser | undefined;
  private stopped = false;

  private constructor(
    private readonly emulator: Emulator,
    readonly mode: BootMode,
    /** The console's last line at the moment the snapshot was saved (the prompt). */
    readonly restoredScreen: string,
  ) {
    this.control = new ControlLine(emulator);
    const activity = () => this.pauser?.touch();
    this.console = new GuestConsole(emulator, this.control, activity);
    this.files = new GuestFiles(emulator.files, activity);
  }

  static async start(options: MachineOptions): Promise<Machine> {
    const { images } = options;
    const wasm = options.compileWasm();
    // Settled later; this keeps an early image error from leaving it unhandled.
    wasm.catch(() => {});
    const manifest = await readJson<ImageManifest>(images, MANIFEST).catch((error: unknown) => {
      throw errorKind(error) === "NotFound"
        ? new DrydockError("NotFound", `${images.describe(MANIFEST)} is missing. ${REBUILD_IMAGES_HINT}`)
        : error;
    });
    const notice = options.onNotice ?? (() => {});
    let snapshot = options.coldBoot ? undefined : await findSnapshot(options, manifest, notice);

    const wanted: string[] = ["bios.bin", "vgabios.bin", ...(snapshot ? [snapshot.file] : ["bzImage", "initramfs.cpio.lz4"])];
    const sizes = wanted.map((name) => (name === snapshot?.file ? snapshot.size : manifest.files[name as GuestFile].size));
    const totalBytes = sizes.reduce((a, b) => a + b, 0);
    const loaded = new Map<string, number>();
    const report = () =>
      options.onProgress?.({ phase: "fetching", loadedBytes: [...loaded.values()].reduce((a, b) => a + b, 0), totalBytes });
    const fetchVerified = async (name: string): Promise<ArrayBuffer> => {
      const bytes = await images.read(name, (n) => {
        loaded.set(name, n);
        report();
      });
      if (name === snapshot?.file) await verifyImage(images, name, bytes, snapshot, "");
      else {
        const entry = manifest.files[name as GuestFile];
        if (!entry) throw new DrydockError("Internal", `${images.describe(MANIFEST)} does not list ${name}. ${REBUILD_IMAGES_HINT}`);
        await verifyImage(images, name, bytes, entry, REBUILD_IMAGES_HINT);
      }
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    };

    report();
    const [bios, vgaBios, ...rest] = await Promise.all(
      wanted.map((name) =>
        fetchVerified(name).catch((error: unknown) => {
          if (name !== snapshot?.file) {
            throw errorKind(error) === "NotFound"
              ? new DrydockError("NotFound", `${images.describe(name)} is missing. ${REBUILD_IMAGES_HINT}`)
              : error;
          }
          notice(`The VM snapshot could not be used (${(error as Error).message.replace(/\s+$/, "")}); cold booting instead.`);
          snapshot = undefined;
          return undefined;
        }),
      ),
    );
    const media: BootMedia = { wasm: await wasm, memoryBytes: MEMORY_BYTES, bios: bios!, vgaBios: vgaBios! };
    if (snapshot && rest[0]) media.state = rest[0];
    else {
      const [kernel, initrd] = await Promise.all([fetchVerified("bzImage"), fetchVerified("initramfs.cpio.lz4")]);
      media.cold = { kernel, initrd, cmdline: KERNEL_CMDLINE };
    }

    const mode: BootMode = media.state ? "snapshot" : "cold";
    options.onProgress?.({ phase: "starting", mode });
    const machine = new Machine(options.emulator(media), mode, media.state ? snapshot!.screen : "");
    const limit = options.bootTimeoutMs ?? (mode === "snapshot" ? RESTORE_TIMEOUT_MS : COLD_BOOT_TIMEOUT_MS);
    try {
      const deadline = Date.now() + limit;
      if (mode === "snapshot") await withTimeout(machine.emulator.onceStarted(), limit);
      else await machine.console.waitFor(PROMPT, limit);
      await machine.control.ready(deadline);
    } catch {
      const tail = lastLines(machine.console.tail());
      await machine.stop();
      throw new DrydockError(
        "Unavailable",
        `the guest did not reach its prompt within ${limit / 1000} s (${mode === "snapshot" ? "restoring the snapshot" : "cold boot"}). The console's last lines:\n${tail || "(nothing)"}`,
      );
    }
    if (options.idle !== false) {
      machine.pauser = new IdlePauser(machine.emulator, machine.control, options.idle ?? DEFAULT_IDLE_TIMINGS);
    }
    return machine;
  }

  /** True while the idle pauser holds the emulator still. */
  get paused(): boolean {
    return this.pauser?.isPaused ?? false;
  }

  /** Runs a shell command in the guest and collects its output and exit status. */
  run(command: string, options?: { onOutput?: (bytes: Uint8Array) => void; timeoutMs?: number }): Promise<CommandResult> {
    return runOnConsole(this.console, this.files, command, options);
  }

  /** True while the emulator executes guest code (false when paused because nothing runs). */
  get running(): boolean {
    return this.emulator.isRunning();
  }

  saveState(): Promise<ArrayBuffer> {
    return this.emulator.saveState();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.pauser?.dispose();
    this.console.dispose();
    this.control.dispose();
    await this.emulator.stop();
    await this.emulator.destroy();
  }

  dispose(): void {
    void this.stop();
  }
}

async function findSnapshot(
  options: MachineOptions,
  manifest: ImageManifest,
  notice: (message: string) => void,
): Promise<SnapshotInfo | undefined> {
  let info: SnapshotInfo;
  try {
    info = await readJson<SnapshotInfo>(options.images, SNAPSHOT_INFO);
  } catch (error) {
    if (errorKind(error) !== "NotFound") throw error;
    notice("There is no VM snapshot yet, so the guest cold boots (a few seconds). `npm start` saves one.");
    return undefined;
  }
  if (info.inputs !== (await snapshotInputs(manifest, options.v86Version))) {
    notice(
      info.v86 !== options.v86Version
        ? `The VM snapshot was saved by v86 ${info.v86}, this is v86 ${options.v86Version}: cold booting instead. \`npm start\` saves a new one.`
        : "The VM snapshot was saved from other guest images: cold booting instead. `npm start` saves a new one.",
    );
    return undefined;
  }
  return info;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}
