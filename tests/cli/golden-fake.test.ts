// The golden files whose output depends on no guest (`#! ... no-guest`), replayed by Drydock's
// docker CLI against a daemon over the fake runtime: the CLI's grammar, help and contexts in
// milliseconds. The real-VM run (golden.test.ts) replays every file, these included.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { dockerCli } from "../support/cli";
import { fakeEngine, type FakeEngine } from "../support/fake-engine";
import { goldenDirectives, replayGolden } from "./golden";

const DIR = join(import.meta.dirname, "golden");
/**
 * The files' $SOCKET: only the CLI's dialer answers it, no socket is made. Its path is shaped as
 * the real run's (engine-server.ts), since the context tables are as wide as it is long.
 */
const dir = mkdtempSync(join(tmpdir(), "drydock-api-"));
const SOCKET = join(dir, "docker.sock");
let engine: FakeEngine;

beforeAll(async () => {
  engine = await fakeEngine();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const files = readdirSync(DIR).filter((name) => name.endsWith(".txt") && goldenDirectives(readFileSync(join(DIR, name), "utf8")).includes("no-guest"));
for (const file of files.sort()) {
  replayGolden(join(DIR, file), { socket: () => SOCKET, run: (args, env, stdin) => dockerCli(engine, args, { stdin, env, address: `unix://${SOCKET}` }) });
}
