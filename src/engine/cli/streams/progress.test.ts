import { describe, expect, it } from "vitest";
import type { CliOutput } from "../io";
import { displayJsonMessages } from "./progress";

const encoder = new TextEncoder();
// The daemon's stream for `docker pull hello-world` (Drydock's hub).
const PULL = [
  { status: "Pulling from library/hello-world", id: "latest" },
  { status: "Pulling fs layer", progressDetail: {}, id: "453d6c8a22b0" },
  { status: "Waiting", progressDetail: {}, id: "453d6c8a22b0" },
  { status: "Downloading", progressDetail: { current: 853, total: 853 }, progress: "[==>] 853B/853B", id: "453d6c8a22b0" },
  { status: "Verifying Checksum", progressDetail: {}, id: "453d6c8a22b0" },
  { status: "Download complete", progressDetail: {}, id: "453d6c8a22b0" },
  { status: "Digest: sha256:96a9" },
];

async function display(isTty: boolean, width = 80): Promise<string> {
  let text = "";
  const out: CliOutput = { isTty, write: async (data) => void (text += String(data)) };
  const body = encoder.encode(PULL.map((m) => JSON.stringify(m)).join("\r\n") + "\r\n");
  await displayJsonMessages((async function* () {
    yield body.subarray(0, 100);
    yield body.subarray(100);
  })(), out, width);
  return text;
}

describe("pull progress", () => {
  it("redraws each layer's line in place on a terminal, byte for byte as docker 28 does", async () => {
    // Recorded from the docker CLI 28.2 in a pty (`script`), against the same stream.
    expect(await display(true)).toBe(
      "latest: Pulling from library/hello-world\n" +
        "\n\x1b[1A\x1b[2K\r453d6c8a22b0: Pulling fs layer \r\x1b[1B" +
        "\x1b[1A\x1b[2K\r453d6c8a22b0: Waiting \r\x1b[1B" +
        "\x1b[1A\x1b[2K\r453d6c8a22b0: Downloading     853B/853B\r\x1b[1B" +
        "\x1b[1A\x1b[2K\r453d6c8a22b0: Verifying Checksum \r\x1b[1B" +
        "\x1b[1A\x1b[2K\r453d6c8a22b0: Download complete \r\x1b[1B" +
        "Digest: sha256:96a9\n",
    );
  });

  it("prints one line per status elsewhere, without the bars", async () => {
    expect(await display(false)).toBe(
      "latest: Pulling from library/hello-world\n453d6c8a22b0: Pulling fs layer\n453d6c8a22b0: Waiting\n453d6c8a22b0: Verifying Checksum\n453d6c8a22b0: Download complete\nDigest: sha256:96a9\n",
    );
  });

  it("ends with the error a message carries", async () => {
    const out: CliOutput = { isTty: false, write: async () => undefined };
    const body = encoder.encode(JSON.stringify({ errorDetail: { message: "manifest unknown" }, error: "manifest unknown" }) + "\n");
    await expect(displayJsonMessages((async function* () { yield body; })(), out, 80)).rejects.toThrow("manifest unknown");
  });
});
