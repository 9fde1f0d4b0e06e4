/** A DNS query as glibc's resolver sends it: an id, RD set, one question, and an EDNS OPT record after it. */
export function dnsQuery(name: string, type: number, id = 0x1234): Uint8Array {
  const labels = name.split(".").flatMap((label) => [label.length, ...[...label].map((c) => c.charCodeAt(0))]);
  return new Uint8Array([id >> 8, id & 0xff, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 1, ...labels, 0, 0, type, 0, 1, 0, 0, 41, 0x10, 0, 0, 0, 0, 0, 0, 0]);
}

/** What an answer says: its response code and its A records' addresses (read as a client does, record by record). */
export function readAnswer(bytes: Uint8Array): { code: number; addresses: string[] } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 12;
  for (let question = view.getUint16(4); question > 0; question--) {
    while (bytes[at] !== 0) at += bytes[at]! + 1;
    at += 5;
  }
  const addresses: string[] = [];
  for (let record = view.getUint16(6); record > 0; record--) {
    at += (bytes[at]! & 0xc0) === 0xc0 ? 2 : 0;
    const type = view.getUint16(at);
    const length = view.getUint16(at + 8);
    if (type === 1) addresses.push([...bytes.subarray(at + 10, at + 14)].join("."));
    at += 10 + length;
  }
  return { code: view.getUint16(2) & 0xf, addresses };
}
