import { readFile } from "node:fs/promises";
import { Machine, type MachineOptions } from "../engine/machine/machine";
import { createV86Emulator } from "../engine/machine/v86-emulator";
import { FsImageSource } from "./fs-image-source";
import { IMAGES_DIR, V86_VERSION, V86_WASM } from "./paths";

/** Starts the guest VM in this Node process from public/images. */
export function startMachine(options: Partial<MachineOptions> & { imagesDir?: string } = {}): Promise<Machine> {
  return Machine.start({
    images: new FsImageSource(options.imagesDir ?? IMAGES_DIR),
    emulator: createV86Emulator,
    compileWasm: async () => WebAssembly.compile(await readFile(V86_WASM)),
    v86Version: V86_VERSION,
    onNotice: (message) => process.stderr.write(`drydock: ${message}\n`),
    ...options,
  });
}
