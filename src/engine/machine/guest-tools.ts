import type { Disposable } from "../../shared/disposable";
import { errorMessage } from "../../shared/errors";
import type { ImageManifest } from "../../shared/images";
import { GuestFiles } from "./guest-files";
import { readJson, verifyImage, type ImageSource } from "./image-source";
import type { GuestListener } from "./agent-listeners";

/** Where drydock-agent, run as a tool's name (guest/agent/tool.c), asks for that tool. */
export const TOOLS_SOCKET = "/run/drydock/tools.sock";

const encoder = new TextEncoder();

/**
 * Tools the guest installs on first use (curl, built by guest/build-tools.sh): ~20 MB that
 * neither the boot nor the snapshot should carry. A request is the tool's name and a newline;
 * the answer is the path of its tar on the 9p tree, or "error: why". The tar goes once the
 * asking connection ends: the guest has unpacked it by then.
 */
export function serveGuestTools(guest: GuestListener, images: ImageSource, files: GuestFiles): Promise<Disposable> {
  const users = new Map<string, number>();
  const release = (name: string) => {
    const left = (users.get(name) ?? 1) - 1;
    users.set(name, left);
    if (left === 0) files.remove(tarPath(name));
  };
  return guest.listen("tools", TOOLS_SOCKET, (connection) => {
    let line = "";
    let staged: string | undefined;
    let ended = false;
    // A guest that hung up gets no answer: nothing to report it to.
    const answer = (text: string) => connection.write(encoder.encode(`${text}\n`)).catch(() => undefined);
    const data = connection.onData((bytes) => {
      line += new TextDecoder().decode(bytes);
      const end = line.indexOf("\n");
      if (end < 0 && line.length <= MAX_NAME) return;
      data.dispose();
      const asked = end < 0 ? "" : line.slice(0, end);
      if (!TOOL_NAME.test(asked)) return void answer("error: not a tool's name").then(() => connection.end());
      users.set(asked, (users.get(asked) ?? 0) + 1);
      void stage(images, files, asked).then(
        (path) => {
          staged = asked;
          // Gone while it was staged: nobody will unpack it.
          if (ended) release(asked);
          else void answer(GuestFiles.guestPath(path));
        },
        (error: unknown) => {
          users.set(asked, (users.get(asked) ?? 1) - 1);
          if (!ended) void answer(`error: ${errorMessage(error)}`).then(() => connection.end());
        },
      );
    });
    connection.onEnd(() => {
      ended = true;
      connection.end();
      if (staged !== undefined) release(staged);
    });
  });
}

/** Names in the manifest's tools section; anything else is refused before it touches a path. */
const TOOL_NAME = /^[a-z][a-z0-9-]{0,31}$/;
const MAX_NAME = 64;
const tarPath = (name: string) => `tools/${name}.tar`;

/** The tool's archive, checked against the manifest and unpacked from gzip, on the 9p tree. */
async function stage(images: ImageSource, files: GuestFiles, name: string): Promise<string> {
  const manifest = await readJson<ImageManifest>(images, "manifest.json");
  const tool = Object.hasOwn(manifest.tools ?? {}, name) ? manifest.tools![name]! : undefined;
  if (!tool) throw new Error(`${images.describe("manifest.json")} lists no tool named ${name}: run npm run images`);
  const bytes = await images.read(tool.file);
  const rebuild = "Run `npm run images` to rebuild it.";
  // A host that served it gzip-encoded had it unpacked on the way: check the tar instead.
  const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
  await verifyImage(images, tool.file, bytes, gzipped ? tool : tool.unpacked, rebuild, gzipped ? "the manifest" : "the manifest (for its unpacked tar)");
  const tar = gzipped ? new Uint8Array(await new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer()) : bytes;
  if (files.kind("tools") === undefined) files.makeDirectory("tools");
  await files.writeFile(tarPath(name), tar);
  return tarPath(name);
}
