import { V86, type V86Options } from "v86";
import type { BootMedia, Emulator, EmulatorFiles } from "./emulator";

/** v86's 9p file system object: undocumented, but the only way to make directories. */
interface Fs9p {
  Search(parentId: number, name: string): number;
  CreateDirectory(name: string, parentId: number): number;
  Unlink(parentId: number, name: string): number;
}

export function createV86Emulator(media: BootMedia): Emulator {
  const options: V86Options = {
    wasm_fn: async (imports) => (await WebAssembly.instantiate(media.wasm, imports)).exports,
    memory_size: media.memoryBytes,
    vga_memory_size: 2 * 1024 * 1024,
    filesystem: {},
    uart1: true,
    autostart: true,
    disable_keyboard: true,
    disable_mouse: true,
    disable_speaker: true,
  };
  if (media.state) options.initial_state = { buffer: media.state };
  else if (media.cold) {
    options.bios = { buffer: media.cold.bios };
    options.bzimage = { buffer: media.cold.kernel };
    options.initrd = { buffer: media.cold.initrd };
    options.cmdline = media.cold.cmdline;
  }
  const v86 = new V86(options);
  const started = new Promise<void>((resolve) => v86.add_listener("emulator-started", () => resolve()));

  const fs9p = () => (v86 as unknown as { fs9p: Fs9p }).fs9p;
  const walk = (path: string, create: boolean): number => {
    let id = 0;
    for (const part of path.split("/").filter(Boolean)) {
      let next = fs9p().Search(id, part);
      if (next === -1) {
        if (!create) return -1;
        next = fs9p().CreateDirectory(part, id);
      }
      id = next;
    }
    return id;
  };
  const files: EmulatorFiles = {
    read: (path) => v86.read_file(path),
    write: (path, data) => v86.create_file(path, data),
    makeDirectory: (path) => void walk(path, true),
    exists: (path) => walk(path, false) !== -1,
    remove: (path) => {
      const parts = path.split("/").filter(Boolean);
      const name = parts.pop();
      const parent = walk(parts.join("/"), false);
      return name !== undefined && parent !== -1 && fs9p().Unlink(parent, name) === 0;
    },
  };

  return {
    onSerialByte(port, listener) {
      const event = port === 0 ? "serial0-output-byte" : "serial1-output-byte";
      v86.add_listener(event, listener);
      return { dispose: () => v86.remove_listener(event, listener) };
    },
    onceStarted: () => started,
    sendSerial: (port, bytes) => v86.serial_send_bytes(port, bytes),
    files,
    run: () => v86.run(),
    stop: () => v86.stop(),
    isRunning: () => v86.is_running(),
    saveState: () => v86.save_state(),
    destroy: () => v86.destroy(),
  };
}
