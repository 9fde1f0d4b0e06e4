// The hub server and the distribution client, over the images shipped in public/images/hub.
import { describe, expect, it } from "vitest";
import { FsImageSource } from "../../node/fs-image-source";
import { IMAGES_DIR } from "../../node/paths";
import { parseReference } from "../image/reference";
import type { ImageSource } from "../machine/image-source";
import { MemoryBlobStore } from "../storage/blob-store";
import { HubServer } from "./hub-server";
import { hubTransport } from "./hub-transport";
import { RegistryClient, type PullEvent } from "./registry-client";

const hub = new FsImageSource(IMAGES_DIR);
const client = (source: ImageSource) => new RegistryClient(() => hubTransport(new HubServer(source)));

describe("the built-in hub", () => {
  it("answers the Distribution API's read side", async () => {
    const server = new HubServer(hub);
    const base = await server.handle("GET", "/v2/");
    expect(base).toMatchObject({ status: 200, headers: { "Docker-Distribution-Api-Version": "registry/2.0" } });
    expect(JSON.parse(String((await server.handle("GET", "/v2/_catalog")).body))).toEqual({ repositories: ["library/busybox", "library/hello-world"] });
    expect(JSON.parse(String((await server.handle("GET", "/v2/library/busybox/tags/list")).body))).toEqual({ name: "library/busybox", tags: ["latest"] });
    const manifest = await server.handle("GET", "/v2/library/busybox/manifests/latest");
    expect(manifest.headers).toMatchObject({ "Content-Type": "application/vnd.oci.image.index.v1+json", "Docker-Content-Digest": expect.stringMatching(/^sha256:/) });
    const head = await server.handle("HEAD", "/v2/library/busybox/manifests/latest");
    expect(head.body).toBeUndefined();
    const missing = async (path: string) => JSON.parse(String((await server.handle("GET", path)).body)).errors[0].code;
    expect(await missing("/v2/library/nope/manifests/latest")).toBe("NAME_UNKNOWN");
    expect(await missing("/v2/library/busybox/manifests/nope")).toBe("MANIFEST_UNKNOWN");
    expect(await missing(`/v2/library/busybox/blobs/sha256:${"0".repeat(64)}`)).toBe("BLOB_UNKNOWN");
    expect((await server.handle("PUT", "/v2/library/busybox/manifests/latest")).status).toBe(405);
  });

  it("pulls linux/386 from the index, every blob verified and stored", async () => {
    const blobs = new MemoryBlobStore();
    const events: PullEvent["kind"][] = [];
    const pulled = await client(hub).pull(parseReference("busybox:latest"), blobs, (event) => events.push(event.kind));
    expect(pulled.config).toMatchObject({ architecture: "386", os: "linux", config: { Cmd: ["sh"] } });
    expect(pulled.repoDigest).not.toBe(pulled.manifestDigest);
    for (const digest of [pulled.repoDigest, pulled.manifestDigest, pulled.configDigest, ...pulled.layers.map((l) => l.digest)]) {
      expect(await blobs.has(digest), digest).toBe(true);
    }
    expect(events).toEqual(["resolved", "layer-start", "layer-progress", "layer-verified", "layer-done"]);
    const again: PullEvent["kind"][] = [];
    await client(hub).pull(parseReference("busybox"), blobs, (event) => again.push(event.kind));
    expect(again).toEqual(["resolved", "layer-exists"]);
  });

  it("rejects a blob whose sha256 does not match, and stores nothing of it", async () => {
    const layerPath = /blobs\/sha256\/[0-9a-f]{64}$/;
    const tampered: ImageSource = {
      describe: (name) => hub.describe(name),
      read: async (name) => {
        const bytes = await hub.read(name);
        if (!layerPath.test(name) || bytes.length < 100_000) return bytes;
        const copy = bytes.slice();
        copy[1000] = copy[1000]! ^ 0xff;
        return copy;
      },
    };
    const blobs = new MemoryBlobStore();
    await expect(client(tampered).pull(parseReference("busybox"), blobs)).rejects.toThrow(/digest mismatch: expected sha256:[0-9a-f]{64}, got sha256:[0-9a-f]{64}/);
    expect(await blobs.size()).toBe(0);
    await expect(client(hub).pull(parseReference("nope"), blobs)).rejects.toThrow("pull access denied for nope");
    await expect(client(hub).pull(parseReference("busybox:nope"), blobs)).rejects.toThrow("manifest for busybox:nope not found: manifest unknown: manifest unknown");
  });
});
