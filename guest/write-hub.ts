// Writes the built-in hub's images as OCI image layouts under public/images/hub/library/NAME:
// busybox (Debian's busybox-static, i386) and hello-world (guest/hello). Deterministic: every
// mtime and the images' creation time come from SOURCE_DATE_EPOCH, and gzip has no timestamp.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { writeTar, type TarWriteEntry } from "../src/engine/layer/tar-writer";

const [busyboxPath, helloPath, outArg, epochText] = process.argv.slice(2);
if (!busyboxPath || !helloPath || !outArg || !epochText) throw new Error("usage: write-hub.ts BUSYBOX HELLO OUT_DIR EPOCH");
const outDir: string = outArg;
const epoch = Number(epochText);
mkdirSync(outDir, { recursive: true });
const created = new Date(epoch * 1000).toISOString().replace(".000Z", "Z");
const PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest("hex");

interface ImageSpec {
  name: string;
  entries: TarWriteEntry[];
  config: Record<string, unknown>;
  createdBy: string;
}

function writeLayout({ name, entries, config, createdBy }: ImageSpec): void {
  const dir = join(outDir, "library", name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "blobs", "sha256"), { recursive: true });
  const blob = (data: Uint8Array | string) => {
    const digest = sha256(data);
    writeFileSync(join(dir, "blobs", "sha256", digest), data);
    return { digest: `sha256:${digest}`, size: typeof data === "string" ? Buffer.byteLength(data) : data.length };
  };
  const tar = writeTar(entries.map((entry) => ({ mtime: epoch, ...entry })));
  const layer = blob(gzipSync(tar, { level: 9 }));
  const imageConfig = JSON.stringify({
    architecture: "386",
    os: "linux",
    created,
    config,
    rootfs: { type: "layers", diff_ids: [`sha256:${sha256(tar)}`] },
    history: [{ created, created_by: createdBy }],
  });
  const configBlob = blob(imageConfig);
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: "application/vnd.oci.image.manifest.v1+json",
    config: { mediaType: "application/vnd.oci.image.config.v1+json", ...configBlob },
    layers: [{ mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", ...layer }],
  });
  const manifestBlob = blob(manifest);
  // A multi-platform index, as Docker Hub serves: the client picks linux/386 from it.
  const index = JSON.stringify({
    schemaVersion: 2,
    mediaType: "application/vnd.oci.image.index.v1+json",
    manifests: [{ mediaType: "application/vnd.oci.image.manifest.v1+json", ...manifestBlob, platform: { architecture: "386", os: "linux" } }],
  });
  const indexBlob = blob(index);
  writeFileSync(join(dir, "oci-layout"), JSON.stringify({ imageLayoutVersion: "1.0.0" }));
  writeFileSync(
    join(dir, "index.json"),
    JSON.stringify({
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.index.v1+json",
      manifests: [{ mediaType: "application/vnd.oci.image.index.v1+json", ...indexBlob, annotations: { "org.opencontainers.image.ref.name": "latest" } }],
    }),
  );
}

// busybox: /bin/busybox with every applet as a hard link, as the Docker Hub image has it.
const applets = execFileSync(busyboxPath, ["--list"], { encoding: "utf8" }).split("\n").filter((a) => a && a !== "busybox");
writeLayout({
  name: "busybox",
  entries: [
    { name: "bin/", type: "directory" },
    { name: "bin/busybox", body: readFileSync(busyboxPath), mode: 0o755 },
    ...applets.sort().map((applet): TarWriteEntry => ({ name: `bin/${applet}`, type: "hardlink", linkname: "bin/busybox" })),
    { name: "dev/", type: "directory" },
    { name: "etc/", type: "directory" },
    { name: "etc/group", body: "root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\ndisk:x:6:\nwheel:x:10:root\nmail:x:12:\nwww-data:x:33:\nusers:x:100:\nnogroup:x:65534:\n" },
    { name: "etc/hostname", body: "" },
    { name: "etc/hosts", body: "" },
    { name: "etc/passwd", body: "root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nbin:x:2:2:bin:/bin:/bin/false\nsys:x:3:3:sys:/dev:/bin/false\nmail:x:8:8:mail:/var/spool/mail:/bin/false\nwww-data:x:33:33:www-data:/var/www:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n" },
    { name: "etc/resolv.conf", body: "" },
    { name: "home/", type: "directory" },
    { name: "proc/", type: "directory" },
    { name: "root/", type: "directory", mode: 0o700 },
    { name: "sys/", type: "directory" },
    { name: "tmp/", type: "directory", mode: 0o1777 },
    { name: "usr/", type: "directory" },
    { name: "usr/sbin/", type: "directory" },
    { name: "var/", type: "directory" },
    { name: "var/spool/", type: "directory" },
    { name: "var/spool/mail/", type: "directory" },
    { name: "var/www/", type: "directory" },
  ],
  config: { Env: [PATH], Cmd: ["sh"] },
  createdBy: "drydock: Debian's busybox-static (i386), one hard link per applet",
});

writeFileSync(join(outDir, "catalog.json"), JSON.stringify({ repositories: ["library/busybox", "library/hello-world"] }) + "\n");

writeLayout({
  name: "hello-world",
  entries: [{ name: "hello", body: readFileSync(helloPath), mode: 0o755 }],
  config: { Env: [PATH], Cmd: ["/hello"] },
  createdBy: "drydock: guest/hello/hello.c",
});
