// Drydock's docker CLI replays scripts recorded from the official docker CLI against the same
// daemon (real VM): every verb's table, -q and --format output, its errors and exit codes.
// RECORD_GOLDEN=1 re-records the files with the machine's `docker` client.
import { execFile } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEngineServer, type EngineServer } from "../support/engine-server";
import { dockerCli, type CliResult } from "../support/cli";
import { formatGolden, normalize, parseGolden, type GoldenCase } from "./golden";

const DIR = join(import.meta.dirname, "golden");
const RECORD = process.env.RECORD_GOLDEN === "1";
const files = readdirSync(DIR).filter((name) => name.endsWith(".txt")).sort();
let server: EngineServer;

beforeAll(async () => {
  server = await startEngineServer();
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

function realDocker(c: GoldenCase): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile("docker", ["-H", `unix://${server.socket}`, ...c.args], { timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin!.end(c.stdin ?? "");
  });
}

for (const file of files) {
  const cases = parseGolden(readFileSync(join(DIR, file), "utf8"));
  describe(file, () => {
    const recorded: GoldenCase[] = [];
    for (const c of cases) {
      it(c.line, async () => {
        if (RECORD) {
          const result = await realDocker(c);
          recorded.push({ ...c, stdout: result.stdout, stderr: result.stderr, exit: result.code });
          if (recorded.length === cases.length) writeFileSync(join(DIR, file), formatGolden(recorded));
          return;
        }
        const result = await dockerCli(server.engine, c.args, { stdin: c.stdin });
        expect({ stdout: normalize(result.stdout), stderr: normalize(result.stderr), exit: result.code }).toEqual({ stdout: normalize(c.stdout), stderr: normalize(c.stderr), exit: c.exit });
      });
    }
  });
}
