import type { AgentPort } from "../../src/engine/machine/emulator";
import { AgentRecord, encodeRecord, type RecordValue } from "../../src/engine/machine/agent-record";

/** A frame as drydock-agent writes one: magic, type, channel, stream or request id, length, payload. */
export function agentFrame(type: number, channel: number, id: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + payload.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0xd0cc, true);
  out[2] = type;
  out[3] = channel;
  view.setUint32(4, id, true);
  view.setUint32(8, payload.length, true);
  out.set(payload, 12);
  return out;
}

const REQUEST = 2;
const REPLY = 3;

/**
 * The guest's side of an agent channel for unit tests: it keeps the record of every request the
 * engine sent, and answers each at once with its op's entry in `replies` (else a bare ok).
 */
export function answeringAgent(replies: Record<string, Record<string, RecordValue>> = {}) {
  const requests: Uint8Array[] = [];
  let deliver: (bytes: Uint8Array) => void = () => {};
  const port: AgentPort = {
    onData: (listener) => ((deliver = listener), { dispose: () => (deliver = () => {}) }),
    // Room for any frame: each comes to `send` whole.
    capacity: () => 1 << 20,
    send: (frame) => {
      const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
      if (frame[2] !== REQUEST) return;
      const id = view.getUint32(4, true);
      const payload = frame.slice(12, 12 + view.getUint32(8, true));
      requests.push(payload);
      const reply = replies[AgentRecord.decode(payload).get("op") ?? ""] ?? {};
      queueMicrotask(() => deliver(agentFrame(REPLY, 0, id, encodeRecord({ ok: 1, ...reply }))));
    },
  };
  /** Frames the agent sends unasked. */
  const send = (frame: Uint8Array) => deliver(frame);
  return { port, requests, send };
}

/** A record's bytes as text, one character a byte: exact, and readable where a comparison fails. */
export function wire(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("latin1");
}
