import { DrydockError } from "../../shared/errors";

export type TarEntryType = "file" | "hardlink" | "symlink" | "char" | "block" | "directory" | "fifo";

export interface TarEntry {
  name: string;
  type: TarEntryType;
  mode: number;
  uid: number;
  gid: number;
  /** Seconds since the epoch. */
  mtime: number;
  /** For links: the target. */
  linkname: string;
  devmajor: number;
  devminor: number;
  /** A regular file's content. */
  body: Uint8Array;
}

const TYPES: Record<string, TarEntryType> = {
  "0": "file",
  "\0": "file",
  "7": "file",
  "1": "hardlink",
  "2": "symlink",
  "3": "char",
  "4": "block",
  "5": "directory",
  "6": "fifo",
};

const decoder = new TextDecoder();

/** Reads a tar stream (ustar, pax and GNU long names) entry by entry. */
export async function* readTar(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<TarEntry> {
  const input = new ByteQueue(chunks);
  let pax: Record<string, string> = {};
  let longName: string | undefined;
  let longLink: string | undefined;
  for (;;) {
    const header = await input.read(512);
    if (header === undefined) throw truncated();
    if (header.every((byte) => byte === 0)) return;
    if (!checksumMatches(header)) throw new DrydockError("InvalidParameter", "invalid tar header: checksum mismatch");
    const flag = String.fromCharCode(header[156]!);
    const size = Number(pax.size ?? octal(header, 124, 12));
    const body = await input.read(size);
    if (body === undefined) throw truncated();
    await input.read((512 - (size % 512)) % 512);
    if (flag === "x") {
      pax = { ...pax, ...parsePax(body) };
      continue;
    }
    if (flag === "g") continue; // global pax headers only carry comments in practice
    if (flag === "L" || flag === "K") {
      const text = decoder.decode(body).replace(/\0+$/, "");
      if (flag === "L") longName = text;
      else longLink = text;
      continue;
    }
    const type = TYPES[flag];
    if (!type) throw new DrydockError("InvalidParameter", `unsupported tar entry type ${JSON.stringify(flag)}`);
    const prefix = field(header, 345, 155);
    const name = pax.path ?? longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    yield {
      name,
      type,
      mode: octal(header, 100, 8) & 0o7777,
      uid: Number(pax.uid ?? octal(header, 108, 8)),
      gid: Number(pax.gid ?? octal(header, 116, 8)),
      mtime: Math.floor(Number(pax.mtime ?? octal(header, 136, 12))),
      linkname: pax.linkpath ?? longLink ?? field(header, 157, 100),
      devmajor: octal(header, 329, 8),
      devminor: octal(header, 337, 8),
      body: type === "file" ? body : new Uint8Array(0),
    };
    pax = {};
    longName = longLink = undefined;
  }
}

function truncated(): DrydockError {
  return new DrydockError("InvalidParameter", "unexpected EOF: the layer's tar stream ended mid-entry");
}

function field(header: Uint8Array, offset: number, length: number): string {
  const bytes = header.subarray(offset, offset + length);
  const end = bytes.indexOf(0);
  return decoder.decode(end === -1 ? bytes : bytes.subarray(0, end));
}

function octal(header: Uint8Array, offset: number, length: number): number {
  if (header[offset]! & 0x80) {
    // GNU base-256 for values that do not fit in octal
    let value = 0;
    for (let i = offset + 1; i < offset + length; i++) value = value * 256 + header[i]!;
    return value;
  }
  const text = field(header, offset, length).trim();
  return text ? parseInt(text, 8) : 0;
}

function checksumMatches(header: Uint8Array): boolean {
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!;
  return sum === octal(header, 148, 8);
}

function parsePax(body: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  let pos = 0;
  while (pos < body.length) {
    const space = body.indexOf(0x20, pos);
    if (space === -1) break;
    const length = parseInt(decoder.decode(body.subarray(pos, space)), 10);
    if (!(length > 0)) break;
    const record = decoder.decode(body.subarray(space + 1, pos + length - 1));
    const eq = record.indexOf("=");
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    pos += length;
  }
  return out;
}

/** Exact-size reads over a stream of chunks of any size. */
class ByteQueue {
  private readonly iterator: AsyncIterator<Uint8Array>;
  private chunks: Uint8Array[] = [];
  private buffered = 0;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  /** `length` bytes, or undefined when the stream ends first. */
  async read(length: number): Promise<Uint8Array | undefined> {
    while (this.buffered < length) {
      const next = await this.iterator.next();
      if (next.done) return undefined;
      this.chunks.push(next.value);
      this.buffered += next.value.length;
    }
    const out = new Uint8Array(length);
    let filled = 0;
    while (filled < length) {
      const head = this.chunks[0]!;
      const take = Math.min(head.length, length - filled);
      out.set(head.subarray(0, take), filled);
      filled += take;
      if (take === head.length) this.chunks.shift();
      else this.chunks[0] = head.subarray(take);
    }
    this.buffered -= length;
    return out;
  }
}
