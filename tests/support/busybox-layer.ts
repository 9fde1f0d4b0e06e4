import { createHash } from "node:crypto";
import type { Machine } from "../../src/engine/machine/machine";
import { makeTar, type TestEntry } from "./tar";

/**
 * A busybox image layer for runtime tests, made from the guest's own busybox (Debian's
 * busybox-static, i386): /bin/busybox with one symlink per applet, /etc/passwd and /etc/group
 * (root, a user "app" 1000 and nobody), /tmp and /root. Issue 4 ships the real busybox image.
 */
export async function busyboxLayer(machine: Machine): Promise<{ tar: Uint8Array; diffId: string }> {
  const listed = await machine.run("cp /bin/busybox /mnt/host/busybox.bin && busybox --list");
  if (listed.status !== 0) throw new Error(`listing busybox applets failed: ${listed.output}`);
  const busybox = await machine.files.readFile("busybox.bin");
  machine.files.remove("busybox.bin");
  const applets = listed.output.split(/\r?\n/).map((l) => l.trim()).filter((l) => /^[\w.[-]+$/.test(l) && l !== "busybox");
  const entries: TestEntry[] = [
    { name: "bin/", type: "directory" },
    { name: "bin/busybox", body: busybox, mode: 0o755 },
    ...applets.map((name): TestEntry => ({ name: `bin/${name}`, type: "symlink", linkname: "busybox" })),
    { name: "etc/", type: "directory" },
    { name: "etc/passwd", body: "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n" },
    { name: "etc/group", body: "root:x:0:\nwheel:x:10:app\napp:x:1000:\nnogroup:x:65534:\n" },
    { name: "home/", type: "directory" },
    { name: "home/app/", type: "directory", uid: 1000, gid: 1000 },
    { name: "root/", type: "directory", mode: 0o700 },
    { name: "tmp/", type: "directory", mode: 0o1777 },
    { name: "usr/", type: "directory" },
    { name: "var/", type: "directory" },
  ];
  const tar = makeTar(entries);
  return { tar, diffId: "sha256:" + createHash("sha256").update(tar).digest("hex") };
}
