import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { createEngine, type Engine } from "../engine/engine";
import type { Machine } from "../engine/machine/machine";
import { lockDataRoot, type DataRootHolder } from "./data-root-lock";
import { FsImageSource } from "./fs-image-source";
import { hostPorts } from "./host-ports";
import { IMAGES_DIR } from "./paths";
import { FsBlobStore } from "./storage/fs-blob-store";
import { FsKvStore } from "./storage/fs-kv-store";
import { startMachine } from "./start-machine";

/** `--data-root`, as `drydock daemon` and `drydock shell` read it. */
export function dataRootOption(value: string | undefined): string {
  return resolve(value ?? join(homedir(), ".local", "share", "drydock"));
}

/** A data root taken by this process: its lock held, its stores cleaned of a killed holder's half-writes. */
export interface DataRoot {
  dir: string;
  blobs: FsBlobStore;
  kv: FsKvStore;
  release(): Promise<void>;
}

export async function takeDataRoot(dir: string, holder: DataRootHolder): Promise<DataRoot> {
  const lock = await lockDataRoot(dir, holder);
  const blobs = new FsBlobStore(join(dir, "blobs"));
  const kv = new FsKvStore(join(dir, "records"));
  // Ours alone now (the lock): what a killed holder was writing never completed.
  await blobs.removeLeftovers();
  await kv.removeLeftovers();
  return { dir, blobs, kv, release: () => lock.release() };
}

/** The Docker host on a data root, in this process: the guest VM and the engine in front of it. */
export interface DockerHost {
  machine: Machine;
  engine: Engine;
  /** Stops the VM and gives the data root up. */
  stop(): Promise<void>;
}

/** The host owns `root` from here: its stop, or a start that fails, gives it up. */
export async function startDockerHost(root: DataRoot, options: { bindIp?: string } = {}): Promise<DockerHost> {
  let machine: Machine | undefined;
  const stop = async () => {
    await machine?.stop();
    await root.release();
  };
  try {
    machine = await startMachine();
    const engine = await createEngine({ machine, images: new FsImageSource(IMAGES_DIR), blobs: root.blobs, kv: root.kv, hostPorts: hostPorts(), ...(options.bindIp ? { defaultBindIp: options.bindIp } : {}) });
    return { machine, engine, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
