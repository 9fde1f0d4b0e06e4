// Drydock's docker CLI replays scripts recorded from the official docker CLI against the same
// daemon (real VM): every verb's table, -q and --format output, its errors and exit codes.
// RECORD_GOLDEN=1 re-records the files with the machine's `docker` client.
import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { startEngineServer, type EngineServer } from "../support/engine-server";
import { dockerCli, type CliResult } from "../support/cli";
import { replayGolden } from "./golden";

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
  replayGolden(
    join(DIR, file),
    {
      socket: () => server.socket,
      run: (args, env, stdin) => (RECORD ? realDocker(args, env, stdin) : dockerCli(server.engine, args, { stdin, env, address: `unix://${server.socket}` })),
    },
    RECORD,
  );
}
