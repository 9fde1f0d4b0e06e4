import { concatBytes } from "../../shared/bytes";

export interface TarWriteEntry {
  name: string;
  type?: "file" | "directory" | "symlink" | "hardlink" | "char" | "fifo";
  body?: Uint8Array | string;
  mode?: number;
  uid?: number;
  gid?: number;
  /** Seconds since the epoch; 0 unless given, so the same entries give the same bytes. */
  mtime?: number;
  linkname?: string;
}

const encoder = new TextEncoder();
const FLAGS = { file: "0", hardlink: "1", symlink: "2", char: "3", directory: "5", fifo: "6" } as const;

/** A tar archive (ustar, with pax records for long names and link targets). */
export function writeTar(entries: readonly TarWriteEntry[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const entry of entries) {
    const body = typeof entry.body === "string" ? encoder.encode(entry.body) : (entry.body ?? new Uint8Array(0));
    blocks.push(tarHeader(entry, body.length));
    if ((entry.type ?? "file") === "file") blocks.push(tarPad(body));
  }
  blocks.push(TAR_END);
  return concatBytes(blocks);
}

/** The two zero blocks that end an archive. */
export const TAR_END = new Uint8Array(1024);

/**
 * An entry's header blocks (a pax header first when its name or link target is long), for a
 * writer that sends the body itself, `size` bytes, then the padding tarPadding gives.
 */
export function tarHeader(entry: Omit<TarWriteEntry, "body">, size: number): Uint8Array {
  const type = entry.type ?? "file";
  const pax: string[] = [];
  if (encoder.encode(entry.name).length > 99) pax.push(paxRecord("path", entry.name));
  if (entry.linkname && encoder.encode(entry.linkname).length > 99) pax.push(paxRecord("linkpath", entry.linkname));
  const blocks: Uint8Array[] = [];
  if (pax.length > 0) {
    const records = encoder.encode(pax.join(""));
    blocks.push(header({ name: "PaxHeaders/entry", flag: "x", size: records.length, mode: 0o644, mtime: 0 }), tarPad(records));
  }
  blocks.push(
    header({
      name: entry.name,
      flag: FLAGS[type],
      size: type === "file" ? size : 0,
      mode: entry.mode ?? (type === "directory" ? 0o755 : type === "symlink" ? 0o777 : 0o644),
      uid: entry.uid ?? 0,
      gid: entry.gid ?? 0,
      mtime: entry.mtime ?? 0,
      linkname: entry.linkname ?? "",
    }),
  );
  return blocks.length === 1 ? blocks[0]! : concatBytes(blocks);
}

/** The zeros that bring a body of `size` bytes to a whole block. */
export function tarPadding(size: number): Uint8Array {
  return new Uint8Array((512 - (size % 512)) % 512);
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  const bodyLength = encoder.encode(body).length;
  let length = bodyLength + 1;
  while (String(length).length + bodyLength !== length) length = String(length).length + bodyLength;
  return `${length}${body}`;
}

function tarPad(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(data.length / 512) * 512);
  out.set(data);
  return out;
}

interface Header {
  name: string;
  flag: string;
  size: number;
  mode: number;
  mtime: number;
  uid?: number;
  gid?: number;
  linkname?: string;
}

function header(h: Header): Uint8Array {
  const block = new Uint8Array(512);
  const put = (offset: number, text: string, width: number) => block.set(encoder.encode(text).subarray(0, width), offset);
  const num = (offset: number, width: number, value: number) => put(offset, value.toString(8).padStart(width - 1, "0"), width - 1);
  put(0, h.name, 100);
  num(100, 8, h.mode);
  num(108, 8, h.uid ?? 0);
  num(116, 8, h.gid ?? 0);
  num(124, 12, h.size);
  num(136, 12, h.mtime);
  put(156, h.flag, 1);
  put(157, h.linkname ?? "", 100);
  put(257, "ustar\u000000", 8);
  block.fill(32, 148, 156);
  const sum = block.reduce((n, b) => n + b, 0);
  put(148, sum.toString(8).padStart(6, "0") + "\u0000 ", 8);
  return block;
}
