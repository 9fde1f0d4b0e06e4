// POST /build as the typed client sends it: the official CLI's query and headers, the context
// streamed as it is made with its length up front, the stream of messages handed back as it
// comes. The daemon is a stub that records the request (its real /build is tested with it).
import { describe, expect, it } from "vitest";
import type { HttpResponse } from "../api/http/response";
import type { Handler } from "../api/http/server";
import { inProcessDialer } from "../api/in-process";
import { DockerClient } from "./docker-client";
import { EngineHttpClient } from "./engine-http-client";
import { DaemonError } from "./errors";
import { textLines } from "./json-lines";

const encoder = new TextEncoder();

async function* parts(...texts: string[]): AsyncGenerator<Uint8Array> {
  for (const text of texts) yield encoder.encode(text);
}

/** A daemon that answers /build with `lines` after reading the whole body, and keeps what it got. */
function stubDaemon(lines: string[], status = 200) {
  const seen: { path: string; query: [string, string][]; headers: Map<string, string>; body: string }[] = [];
  const handle: Handler = async (request): Promise<HttpResponse> => {
    if (request.path === "/_ping") return { status: 200, headers: { "Api-Version": "1.47" }, body: "OK" };
    let body = "";
    for await (const chunk of request.body) body += new TextDecoder().decode(chunk);
    seen.push({ path: request.path, query: [...request.query], headers: request.headers, body });
    if (status >= 400) return { status, headers: { "Content-Type": "application/json" }, body: JSON.stringify({ message: lines[0] }) };
    return { status, headers: { "Content-Type": "application/json" }, stream: parts(...lines.map((line) => `${line}\n`)) };
  };
  const client = new DockerClient(new EngineHttpClient(inProcessDialer(handle, "docker CLI"), "unix:///test.sock", "test"));
  return { client, seen };
}

describe("ImagesApi.build", () => {
  it("sends the context as an x-tar body with docker's query, and gives back the messages", async () => {
    const { client, seen } = stubDaemon(['{"stream":"Step 1/1 : FROM busybox\\n"}', '{"aux":{"ID":"sha256:abc"}}']);
    const chunks = await client.images.build(
      { length: 10, chunks: parts("hello", "", " tar!") },
      { tags: ["app", "app:v1"], dockerfile: "sub/Dockerfile", buildArgs: { A: "1", B: null }, labels: { team: "x" }, target: "final", noCache: true, pull: true, remove: true },
    );
    const lines: string[] = [];
    for await (const line of textLines(chunks)) lines.push(line);
    expect(lines).toEqual(['{"stream":"Step 1/1 : FROM busybox\\n"}', '{"aux":{"ID":"sha256:abc"}}']);
    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request!.path).toBe("/v1.47/build");
    expect(request!.query).toEqual([
      ["buildargs", '{"A":"1","B":null}'],
      ["dockerfile", "sub/Dockerfile"],
      ["labels", '{"team":"x"}'],
      ["nocache", "1"],
      ["pull", "1"],
      ["t", "app"],
      ["t", "app:v1"],
      ["target", "final"],
      ["version", "1"],
    ]);
    expect(request!.headers.get("content-type")).toBe("application/x-tar");
    expect(request!.headers.get("content-length")).toBe("10");
    expect(request!.headers.get("x-registry-config")).toBe("e30=");
    expect(request!.body).toBe("hello tar!");
  });

  it("sends rm=0 only to keep intermediate containers, q=1 for -q, forcerm=1, nothing else by default", async () => {
    const { client, seen } = stubDaemon([]);
    for await (const chunk of await client.images.build({ length: 0, chunks: parts() }, { remove: false, quiet: true, forceRemove: true })) expect(chunk).toBeDefined();
    for await (const chunk of await client.images.build({ length: 0, chunks: parts() }, {})) expect(chunk).toBeDefined();
    expect(seen.map((request) => request.query)).toEqual([
      [
        ["forcerm", "1"],
        ["q", "1"],
        ["rm", "0"],
        ["version", "1"],
      ],
      [["version", "1"]],
    ]);
  });

  it("throws the daemon's refusal, and a body that breaks off on its way, closing the connection", async () => {
    const { client } = stubDaemon(["dockerfile parse error on line 1: unknown instruction: FOO"], 400);
    const refused = await client.images.build({ length: 3, chunks: parts("tar") }, {}).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DaemonError);
    expect((refused as DaemonError).message).toBe("dockerfile parse error on line 1: unknown instruction: FOO");
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield encoder.encode("half");
      throw new Error("open big.bin: permission denied");
    }
    await expect(client.images.build({ length: 8, chunks: failing() }, {})).rejects.toThrow("open big.bin: permission denied");
    await expect(client.images.build({ length: 8, chunks: parts("too short") }, {})).rejects.toThrow("a request body of 8 bytes gave 9");
  });
});
