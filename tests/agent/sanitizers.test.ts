// drydock-agent's C under AddressSanitizer and UBSan, built for i686 as the guest runs it (32-bit
// sizes are where lengths wrap), fed what a hostile container or a broken engine could hand it.
// Each harness in this folder is a small program linked with the agent's own sources; it exits 0
// when every check held, 77 when the machine cannot run it (it says why).
import { execFile } from "node:child_process";
import { accessSync, constants, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/node/paths";

const run = promisify(execFile);
const AGENT_DIR = join(PROJECT_ROOT, "guest", "agent");
const HERE = join(PROJECT_ROOT, "tests", "agent");
const CFLAGS = [
  "-m32",
  "-std=gnu11",
  "-g",
  "-O1",
  "-fno-omit-frame-pointer",
  "-fsanitize=address,undefined",
  "-fno-sanitize-recover=all",
  "-D_FILE_OFFSET_BITS=64",
  "-Wall",
  "-Wextra",
  "-Werror",
  `-I${AGENT_DIR}`,
];
const SKIP = 77;
/** Every source of the agent but its main (the harness has its own). */
const AGENT = readdirSync(AGENT_DIR).filter((f) => f.endsWith(".c") && f !== "main.c");

interface Harness {
  /** What it shows, as the test's name. */
  name: string;
  file: string;
  /** The agent's sources it links (guest/agent). */
  sources: readonly string[];
  /** More for gcc: the linker's --wrap, for a harness that steps in between two calls. */
  flags?: string[];
}

const HARNESSES: Harness[] = [
  {
    name: "the record codec refuses lengths that wrap and lists a frame of items",
    file: "record-codec.c",
    sources: ["record.c"],
  },
  {
    name: "the channel's frame reader takes whole frames out of garbage, cut anywhere, skipping lengths past FRAME_MAX",
    file: "frame-reader.c",
    sources: ["channel.c", "record.c", "util.c"],
  },
  {
    name: "a process's stderr waits for credit when stdout took the last of it",
    file: "stream-credit.c",
    sources: ["proc.c", "pending.c", "channel.c", "record.c", "util.c"],
  },
  {
    name: "poll's word on a freed process's descriptor does not reach the process that took its slot",
    file: "stale-events.c",
    sources: ["proc.c", "pending.c", "channel.c", "record.c", "util.c"],
  },
  {
    name: "resolve_user takes hostile passwd and group files: 100 mentions, long lines, long names, FIFOs",
    file: "user-lookup.c",
    sources: ["user.c", "util.c"],
  },
  {
    name: "a new process holds only its own descriptors, before exec (the agent's are closed) and after (0, 1, 2)",
    file: "spawn-descriptors.c",
    sources: AGENT,
  },
  {
    name: "a full stream table answers Unavailable, and connections from the guest cannot fill it alone",
    file: "stream-table.c",
    sources: AGENT,
  },
  {
    name: "the agent's loop never waits on one thing while the others wait on it",
    file: "event-loop.c",
    sources: AGENT,
    flags: ["-Wl,--wrap=read"],
  },
  {
    name: "diff writes deep trees, files past 8 GiB, long names and every kind of entry, and follows no file swapped under it",
    file: "layer-diff.c",
    sources: AGENT,
    flags: ["-Wl,--wrap=lstat64,--wrap=fstat64"],
  },
  {
    name: "rm_rf removes deep, long and wide trees in bounded stack and descriptors, never through a link or a mount",
    file: "tree-removal.c",
    sources: ["rmtree.c", "util.c"],
  },
  {
    name: "an op the agent's table lacks, or none, is answered NotImplemented, and the agent goes on",
    file: "request-table.c",
    sources: AGENT,
  },
  {
    name: "a bridge endpoint: hostile fields refused, two containers reach each other, a half-way failure and a release leave no link, a request past its buffer is not sent",
    file: "bridge-endpoint.c",
    sources: AGENT,
  },
  {
    name: "a container's resolver: a query relayed to the engine and its answer back from the server's address; hostile datagram requests refused",
    file: "resolver-relay.c",
    sources: AGENT,
  },
  {
    name: "top's reply fits a frame, saying how many rows it left out; send_frame refuses what does not",
    file: "top-reply.c",
    sources: AGENT,
  },
];

const build = mkdtempSync(join(tmpdir(), "drydock-sanitizers-"));
/** Where harnesses make their trees: tmpfs when there is one (100k nested directories take
 * seconds there, minutes on a journalled disk). Programs stay in `build`: /dev/shm may be noexec. */
const scratch = mkdtempSync(join(isWritableDir("/dev/shm") ? "/dev/shm" : tmpdir(), "drydock-harness-"));
// rm, not rmSync: a failed harness can leave paths longer than Node's fs takes.
afterAll(() => run("rm", ["-rf", build, scratch]));

function isWritableDir(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** gcc with -m32 and the 32-bit sanitizer runtimes (Debian: gcc-multilib), tried on a probe. */
async function canBuild32(): Promise<boolean> {
  const probe = join(build, "probe.c");
  writeFileSync(probe, "int main(void) { return 0; }\n");
  try {
    await run("gcc", [...CFLAGS, probe, "-o", join(build, "probe")], { timeout: 60_000 });
    await run(join(build, "probe"), [], { timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

const available = await canBuild32();
if (!available) console.warn("SKIPPED: the agent's sanitizer harnesses need gcc -m32 with 32-bit ASan/UBSan (apt-get install gcc-multilib)");

describe("drydock-agent under AddressSanitizer and UBSan (i686)", () => {
  it("is built for the guest with 64-bit file offsets, as the harnesses are", () => {
    const script = readFileSync(join(PROJECT_ROOT, "guest", "build-initramfs.sh"), "utf8").replace(/\\\n/g, " ");
    const line = script.split("\n").find((l) => /^gcc -m32 .*agent\/\*\.c/.test(l));
    expect(line).toContain("-D_FILE_OFFSET_BITS=64");
  });

  for (const harness of HARNESSES) {
    it.skipIf(!available)(harness.name, async (context) => {
      const binary = join(build, harness.file.replace(/\.c$/, ""));
      const cwd = join(scratch, harness.file.replace(/\.c$/, ""));
      mkdirSync(cwd);
      await run("gcc", [...CFLAGS, join(HERE, harness.file), ...harness.sources.map((s) => join(AGENT_DIR, s)), ...(harness.flags ?? []), "-o", binary], { timeout: 120_000 });
      const result = await run(binary, [], {
        timeout: 100_000,
        cwd,
        env: { ...process.env, ASAN_OPTIONS: "detect_leaks=1:abort_on_error=1", UBSAN_OPTIONS: "print_stacktrace=1" },
      }).then(
        (r) => ({ code: 0, out: r.stdout + r.stderr }),
        (e: { code?: number | string; signal?: string; stdout?: string; stderr?: string }) => ({
          code: e.code ?? e.signal ?? "?",
          out: `${e.stdout ?? ""}${e.stderr ?? ""}`,
        }),
      );
      if (result.code === SKIP) context.skip(result.out.trim());
      expect(result.out, `${harness.file} exited with ${result.code}`).not.toMatch(/ERROR: AddressSanitizer|runtime error:/);
      expect(result.code, result.out).toBe(0);
    });
  }
});
