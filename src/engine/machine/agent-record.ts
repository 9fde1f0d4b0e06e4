/**
 * The agent protocol's record: a flat list of (key, value) pairs, where a repeated key is a list
 * (argv, env). Keys are short ASCII; values are bytes, numbers travel as decimal text. The C side
 * is guest/agent/record.c.
 */
import { concatBytes } from "../../shared/bytes";

export type RecordValue = string | number | boolean | Uint8Array | readonly (string | number)[] | undefined;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeRecord(fields: Record<string, RecordValue>): Uint8Array {
  const parts: Uint8Array[] = [];
  const put = (key: string, value: string | number | boolean | Uint8Array) => {
    const k = encoder.encode(key);
    const v =
      value instanceof Uint8Array ? value : encoder.encode(typeof value === "boolean" ? (value ? "1" : "0") : String(value));
    const head = new Uint8Array(1 + k.length + 4);
    head[0] = k.length;
    head.set(k, 1);
    new DataView(head.buffer).setUint32(1 + k.length, v.length, true);
    parts.push(head, v);
  };
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value as (string | number)[]) put(key, item);
    else put(key, value as string | number | boolean | Uint8Array);
  }
  return concatBytes(parts);
}

/** A decoded record: every value of every key, in order, read as text unless asked for as bytes. */
export class AgentRecord {
  private constructor(private readonly fields: Map<string, Uint8Array[]>) {}

  static decode(bytes: Uint8Array): AgentRecord {
    const fields = new Map<string, Uint8Array[]>();
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let pos = 0;
    while (pos < bytes.length) {
      const keyLength = bytes[pos]!;
      if (pos + 5 + keyLength > bytes.length) throw new Error("a truncated record from the agent");
      const key = decoder.decode(bytes.subarray(pos + 1, pos + 1 + keyLength));
      const valueLength = view.getUint32(pos + 1 + keyLength, true);
      const start = pos + 5 + keyLength;
      if (start + valueLength > bytes.length) throw new Error("a truncated record from the agent");
      const list = fields.get(key) ?? [];
      list.push(bytes.subarray(start, start + valueLength));
      fields.set(key, list);
      pos = start + valueLength;
    }
    return new AgentRecord(fields);
  }

  get(key: string): string | undefined {
    const value = this.fields.get(key)?.[0];
    return value && decoder.decode(value);
  }

  /** The first value of `key` as the agent sent it (a datagram's payload is no text). */
  bytes(key: string): Uint8Array | undefined {
    return this.fields.get(key)?.[0];
  }

  number(key: string): number | undefined {
    const value = this.get(key);
    return value === undefined ? undefined : Number(value);
  }

  all(key: string): string[] {
    return (this.fields.get(key) ?? []).map((value) => decoder.decode(value));
  }
}
