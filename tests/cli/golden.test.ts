// Drydock's docker CLI replays scripts recorded from the official docker CLI against the same
// daemon (real VM): every verb's table, -q and --format output, its errors and exit codes.
// RECORD_GOLDEN=1 re-records the files with the machine's `docker` client.
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEngineServer, type EngineServer } from "../support/engine-server";
import { dockerCli, type CliResult } from "../support/cli";
import { formatGolden, goldenDirectives, normalize, parseGolden, placeholders, type GoldenCase } from "./golden";

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

function realDocker(args: string[], env: Record<string, string>, stdin: string | undefined): Promise<CliResult> {
  // Nothing of this machine's own docker settings: only what the case gives.
  const inherited = { ...process.env };
  delete inherited.DOCKER_HOST;
  delete inherited.DOCKER_CONTEXT;
  return new Promise((resolve) => {
    const child = execFile("docker", args, { timeout: 60_000, env: { ...inherited, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin!.end(stdin ?? "");
  });
}

for (const file of files) {
  const text = readFileSync(join(DIR, file), "utf8");
  const directives = goldenDirectives(text);
  const cases = parseGolden(text);
  describe(file, () => {
    const recorded: GoldenCase[] = [];
    let config: string;
    beforeAll(() => {
      config = mkdtempSync(join(tmpdir(), "drydock-config-"));
    });
    afterAll(() => rmSync(config, { recursive: true, force: true }));

    for (const c of cases) {
      it(c.line, async () => {
        const values = { SOCKET: server.socket, CONFIG: config };
        const args = [...(directives.includes("no-host") ? [] : ["-H", `unix://${server.socket}`]), ...c.args.map((arg) => placeholders(arg, values))];
        const env = { DOCKER_CONFIG: config, ...Object.fromEntries(Object.entries(c.env).map(([name, value]) => [name, placeholders(value, values)])) };
        const result = RECORD ? await realDocker(args, env, c.stdin) : await dockerCli(server.engine, args, { stdin: c.stdin, env, address: `unix://${server.socket}` });
        const printed = { stdout: placeholders(result.stdout, values, true), stderr: placeholders(result.stderr, values, true), exit: result.code };
        if (RECORD) {
          recorded.push({ ...c, ...printed });
          if (recorded.length === cases.length) writeFileSync(join(DIR, file), formatGolden(recorded, directives));
          return;
        }
        expect({ stdout: normalize(printed.stdout), stderr: normalize(printed.stderr), exit: printed.exit }).toEqual({ stdout: normalize(c.stdout), stderr: normalize(c.stderr), exit: c.exit });
      });
    }
  });
}
