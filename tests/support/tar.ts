import { writeTar, type TarWriteEntry } from "../../src/engine/layer/tar-writer";

/** Test layers: the engine's tar writer with a fixed, non-zero mtime. */
export type TestEntry = TarWriteEntry;

export function makeTar(entries: TestEntry[]): Uint8Array {
  return writeTar(entries.map((entry) => ({ mtime: 1700000000, ...entry })));
}
