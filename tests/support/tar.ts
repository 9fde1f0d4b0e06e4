import { concatBytes } from "../../src/shared/bytes";

/** Builds tar archives for tests (ustar, with a pax header for long names). */
export interface TestEntry {
  name: string;
  type?: "file" | "directory" | "symlink" | "hardlink" | "char" | "fifo";
  body?: Uint8Array | string;
  mode?: number;
  uid?: number;
  gid?: number;
  linkname?: string;
}

const encoder = new TextEncoder();
const FLAGS = { file: "0", hardlink: "1", symlink: "2", char: "3", directory: "5", fifo: "6" } as const;

export function makeTar(entries: TestEntry[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const entry of entries) {
    const body = typeof entry.body === "string" ? encoder.encode(entry.body) : (entry.body ?? new Uint8Array(0));
    if (entry.name.length > 99) {
      const record = paxRecord("path", entry.name);
      blocks.push(header({ name: "PaxHeaders/x", flag: "x", size: record.length }), pad(record));
    }
    const type = entry.type ?? "file";
    blocks.push(
      header({
        name: entry.name.slice(0, 99),
        flag: FLAGS[type],
        size: type === "file" ? body.length : 0,
        mode: entry.mode ?? (type === "directory" ? 0o755 : 0o644),
        uid: entry.uid ?? 0,
        gid: entry.gid ?? 0,
        linkname: entry.linkname ?? "",
      }),
    );
    if (type === "file") blocks.push(pad(body));
  }
  blocks.push(new Uint8Array(1024));
  return concatBytes(blocks);
}

function paxRecord(key: string, value: string): Uint8Array {
  const body = ` ${key}=${value}\n`;
  let length = body.length + 1;
  while (String(length).length + body.length !== length) length = String(length).length + body.length;
  return encoder.encode(`${length}${body}`);
}

function pad(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(data.length / 512) * 512);
  out.set(data);
  return out;
}

function header(h: { name: string; flag: string; size: number; mode?: number; uid?: number; gid?: number; linkname?: string }): Uint8Array {
  const block = new Uint8Array(512);
  const put = (offset: number, text: string) => block.set(encoder.encode(text), offset);
  const num = (offset: number, width: number, value: number) => put(offset, value.toString(8).padStart(width - 1, "0"));
  put(0, h.name);
  num(100, 8, h.mode ?? 0o644);
  num(108, 8, h.uid ?? 0);
  num(116, 8, h.gid ?? 0);
  num(124, 12, h.size);
  num(136, 12, 1700000000);
  put(156, h.flag);
  put(157, h.linkname ?? "");
  put(257, "ustar\u000000");
  block.fill(32, 148, 156);
  const sum = block.reduce((n, b) => n + b, 0);
  put(148, sum.toString(8).padStart(6, "0") + "\u0000 ");
  return block;
}
