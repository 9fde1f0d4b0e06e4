/**
 * The little of DNS (RFC 1035) the embedded resolver speaks: one question read from a query, and
 * an answer made for it, with A records or a response code. Names are compared as DNS does,
 * without regard to case and to a final dot.
 */

export const RecordType = { A: 1, PTR: 12, AAAA: 28 } as const;

export const ResponseCode = { NoError: 0, FormErr: 1, ServFail: 2, NxDomain: 3, NotImp: 4 } as const;
export type ResponseCode = (typeof ResponseCode)[keyof typeof ResponseCode];

const HEADER = 12;
/** Seconds a client may keep an answer: Docker's embedded server says 600. */
const TTL = 600;
const QR = 0x8000;
const OPCODE = 0x7800;
const RD = 0x0100;
const RA = 0x0080;

export interface DnsQuery {
  id: number;
  flags: number;
  /** The question as asked, lower case, no final dot; "" when the query had none that could be read. */
  name: string;
  type: number;
  /** The question's bytes, echoed in the answer; empty with `name` "". */
  question: Uint8Array;
}

/**
 * The query in a datagram, or undefined for one that is not a query at all (too short for a
 * header, or a response): such a datagram gets no answer. A query whose question cannot be read
 * comes back with name "" (answered FORMERR).
 */
export function parseQuery(bytes: Uint8Array): DnsQuery | undefined {
  if (bytes.length < HEADER) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const id = view.getUint16(0);
  const flags = view.getUint16(2);
  if (flags & QR) return undefined;
  const malformed = { id, flags, name: "", type: 0, question: new Uint8Array() };
  if (view.getUint16(4) !== 1) return malformed;
  const labels: string[] = [];
  let at = HEADER;
  for (;;) {
    const length = bytes[at];
    // A pointer cannot be in a query's first question; a label is at most 63 bytes.
    if (length === undefined || length > 63) return malformed;
    at += 1;
    if (length === 0) break;
    if (at + length > bytes.length) return malformed;
    labels.push(String.fromCharCode(...bytes.subarray(at, at + length)).toLowerCase());
    at += length;
  }
  if (at + 4 > bytes.length) return malformed;
  return { id, flags, name: labels.join("."), type: view.getUint16(at), question: bytes.slice(HEADER, at + 4) };
}

/** The answer to `query`: `addresses` as A records with NOERROR, or an empty answer with `code`. */
export function answer(query: DnsQuery, code: ResponseCode, addresses: readonly string[] = []): Uint8Array {
  const records = code === ResponseCode.NoError ? addresses : [];
  const out = new Uint8Array(HEADER + query.question.length + records.length * 16);
  const view = new DataView(out.buffer);
  view.setUint16(0, query.id);
  view.setUint16(2, QR | (query.flags & (OPCODE | RD)) | RA | code);
  view.setUint16(4, query.question.length > 0 ? 1 : 0);
  view.setUint16(6, records.length);
  out.set(query.question, HEADER);
  let at = HEADER + query.question.length;
  for (const address of records) {
    view.setUint16(at, 0xc000 | HEADER); // the name: a pointer to the question's
    view.setUint16(at + 2, RecordType.A);
    view.setUint16(at + 4, 1); // class IN
    view.setUint32(at + 6, TTL);
    view.setUint16(at + 10, 4);
    out.set(address.split(".").map(Number), at + 12);
    at += 16;
  }
  return out;
}

/** The opcode of a query: only 0, a standard query, is answered with records. */
export function opcode(query: DnsQuery): number {
  return (query.flags & OPCODE) >> 11;
}
