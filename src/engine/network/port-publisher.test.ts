import { describe, expect, it } from "vitest";
import type { ByteStream } from "../../shared/byte-stream";
import type { RuntimeConnection } from "../runtime/runtime";
import { pipeToContainer } from "./port-publisher";

/** One end of a connection that records what is written to it and lets the test push bytes and the end. */
function end() {
  const written: string[] = [];
  let onData: (bytes: Uint8Array) => void = () => undefined;
  let onEnd: () => void = () => undefined;
  let ended = false;
  let close: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (close = resolve));
  const stream: ByteStream & RuntimeConnection = {
    onData: (listener) => ((onData = listener as (bytes: Uint8Array) => void), { dispose: () => undefined }),
    onEnd: (listener) => ((onEnd = listener), { dispose: () => undefined }),
    write: async (bytes) => void written.push(new TextDecoder().decode(bytes)),
    end: () => void (ended = true),
    closed: () => closed,
  };
  return { stream, written, push: (text: string) => onData(new TextEncoder().encode(text)), finish: () => onEnd(), close, ended: () => ended };
}

describe("pipeToContainer", () => {
  it("carries bytes both ways and passes each end on", async () => {
    const client = end();
    const container = end();
    await pipeToContainer(client.stream, async () => container.stream);
    client.push("GET / HTTP/1.0\r\n\r\n");
    container.push("HTTP/1.0 200 OK\r\n\r\nhi\n");
    await Promise.resolve();
    expect(container.written).toEqual(["GET / HTTP/1.0\r\n\r\n"]);
    expect(client.written).toEqual(["HTTP/1.0 200 OK\r\n\r\nhi\n"]);
    client.finish();
    expect(container.ended()).toBe(true);
    container.close();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(client.ended()).toBe(true);
  });

  it("ends the client's connection when the container cannot be reached", async () => {
    const client = end();
    await pipeToContainer(client.stream, () => Promise.reject(new Error("connection refused")));
    expect(client.ended()).toBe(true);
  });
});
