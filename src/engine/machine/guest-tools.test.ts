import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { memoryFiles } from "../../../tests/support/memory-files";
import { bytePipe } from "../../shared/byte-pipe";
import type { ByteStream } from "../../shared/byte-stream";
import { GuestFiles } from "./guest-files";
import { serveGuestTools } from "./guest-tools";
import type { ImageSource } from "./image-source";

const tar = new TextEncoder().encode("a tar, as far as this test cares\n".repeat(100));
const gz = gzipSync(tar);
const digest = (bytes: Uint8Array) => ({ sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.length });
const manifest = { files: {}, tools: { curl: { file: "tools/curl.tar.gz", ...digest(gz), unpacked: digest(tar), packages: [] } } };

/** public/images as a host serves it: `served` is what arrives for the archive. */
function images(served: Uint8Array): ImageSource {
  return {
    describe: (name) => `public/images/${name}`,
    read: async (name) => (name === "manifest.json" ? new TextEncoder().encode(JSON.stringify(manifest)) : served),
  };
}

/** The guest's side: asks for a tool, reads the answer line, then hangs up. */
async function ask(served: Uint8Array, name: string): Promise<{ answer: string; files: GuestFiles; staged: Uint8Array | undefined }> {
  const files = new GuestFiles(memoryFiles(), () => {});
  let accept!: (connection: ByteStream) => void;
  await serveGuestTools({ listen: async (_name, _where, onConnection) => ((accept = onConnection), { dispose: () => {} }) }, images(served), files);
  const [guest, engine] = bytePipe();
  accept(engine);
  const answer = await new Promise<string>((resolve) => {
    let text = "";
    guest.onData((bytes) => {
      if ((text += new TextDecoder().decode(bytes)).includes("\n")) resolve(text);
    });
    void guest.write(new TextEncoder().encode(`${name}\n`));
  });
  const staged = files.kind("tools/curl.tar") === "file" ? await files.readFile("tools/curl.tar") : undefined;
  guest.end();
  await new Promise((resolve) => setTimeout(resolve, 10));
  return { answer, files, staged };
}

describe("serveGuestTools", () => {
  it("stages the tool's tar on the 9p tree for the guest, and drops it once the guest hangs up", async () => {
    const { answer, files, staged } = await ask(gz, "curl");
    expect(answer).toBe("/mnt/host/tools/curl.tar\n");
    expect(staged).toEqual(tar);
    expect(files.kind("tools/curl.tar")).toBeUndefined();
  });

  it("takes the archive unpacked on the way by a host that served it gzip-encoded", async () => {
    expect((await ask(tar, "curl")).staged).toEqual(tar);
  });

  it("refuses a name that is not a tool's before it names a path", async () => {
    expect((await ask(gz, "../../etc")).answer).toBe("error: not a tool's name\n");
  });

  it("leaves nothing behind when the guest hangs up while the tar is being staged", async () => {
    const files = new GuestFiles(memoryFiles(), () => {});
    let accept!: (connection: ByteStream) => void;
    await serveGuestTools({ listen: async (_name, _where, onConnection) => ((accept = onConnection), { dispose: () => {} }) }, images(gz), files);
    const [guest, engine] = bytePipe();
    accept(engine);
    await guest.write(new TextEncoder().encode("curl\n"));
    guest.end();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(files.kind("tools/curl.tar")).toBeUndefined();
  });

  it("answers an error line for a damaged archive or an unknown tool, staging nothing", async () => {
    const damaged = await ask(gz.slice(0, -1), "curl");
    expect(damaged.answer).toMatch(/^error: public\/images\/tools\/curl\.tar\.gz is damaged: it is \d+ bytes, the manifest says \d+\./);
    expect(damaged.staged).toBeUndefined();
    expect((await ask(gz, "wget")).answer).toBe("error: public/images/manifest.json lists no tool named wget: run npm run images\n");
  });
});
