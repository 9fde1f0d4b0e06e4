// `npm run bench [vm|browser|page|runtime|daemon|build|ports|preview|cli|http ...]`: prints the figures (medians of 5; all
// sections when none is named). Never run by `npm test`.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../src/node/paths";
import { ensureSnapshot } from "../src/node/snapshot";
import { hasChromium } from "../tests/support/browser";
import { appBundleBytes, browserSamples } from "./browser-boot";
import { pageConsoleFigures } from "./page-console";
import { TYPED_COMMANDS } from "./typed-commands";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SECTIONS = ["vm", "browser", "page", "runtime", "daemon", "build", "ports", "preview", "cli", "http"];
const chosen = process.argv.slice(2);
for (const name of chosen) if (!SECTIONS.includes(name)) throw new Error(`unknown section ${name}; choose from ${SECTIONS.join(", ")}`);
const section = (name: string) => chosen.length === 0 || chosen.includes(name);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (v: number) => `${Math.round(v)} ms`;
const mib = (v: number) => `${(v / 1048576).toFixed(2)} MiB`;

function child(script: string, ...args: string[]): Record<string, number> {
  const out = execFileSync(process.execPath, ["--import", "tsx", join(PROJECT_ROOT, "bench", script), ...args], { encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop()!) as Record<string, number>;
}

// Every section but http boots the guest, from a snapshot made first if it is missing or stale.
const snapshot = SECTIONS.filter((name) => name !== "http").some(section) ? await ensureSnapshot() : undefined;
const rows: [string, string, string][] = [];
const results: Record<string, unknown> = { date: new Date().toISOString(), runs: RUNS, snapshotBytes: snapshot?.info.size };

if (section("vm")) {
  const cold = Array.from({ length: RUNS }, () => child("node-boot.ts", "cold"));
  rows.push(["cold boot to prompt (Node, fresh process)", ms(median(cold.map((s) => s.promptMs!))), "goal <= 4 s"]);
  const warm = Array.from({ length: RUNS }, () => child("node-boot.ts", "snapshot"));
  rows.push(["snapshot restore to prompt (Node)", ms(median(warm.map((s) => s.promptMs!))), ""]);
  rows.push(["snapshot restore to first command answered (Node)", ms(median(warm.map((s) => s.firstCommandMs!))), "goal <= 0.5 s"]);
  rows.push(["Node RSS after restore", `${Math.round(median(warm.map((s) => s.rssMiB!)))} MiB`, "256 MiB guest RAM"]);
  results.node = { cold, snapshot: warm };

  const idle = child("node-idle.ts");
  rows.push(["idle CPU at the prompt, v86 left running", `${idle.unpaused!.toFixed(1)} % of a core`, ""]);
  rows.push(["idle CPU at the prompt, with the idle pause", `${idle.paused!.toFixed(2)} % of a core`, `goal <= 5 %; paused after ${ms(idle.pausedAfterMs!)}`]);
  results.idle = idle;
}

if (section("browser") && hasChromium) {
  const browser = await browserSamples(RUNS);
  rows.push(["page load to prompt (Chromium, cold cache)", ms(median(browser.map((s) => s.promptMs))), ""]);
  rows.push(["page load to first command answered (Chromium)", ms(median(browser.map((s) => s.firstCommandMs))), "goal <= 1.0 s"]);
  rows.push(["reload to prompt, network off (service worker cache)", ms(median(browser.map((s) => s.offlinePromptMs))), "goal <= 1.5 s"]);
  const app = await appBundleBytes();
  rows.push(["the app's JS + CSS (excluding images and v86.wasm), gzip", `${Math.round(app.gzip / 1024)} KiB`, `goal <= 400 KB; ${Math.round(app.raw / 1024)} KiB as built; v86.wasm ${Math.round(app.wasmGzip / 1024)} KiB gzip`]);
  rows.push(["fetched before the prompt, as served", mib(median(browser.map((s) => s.bytes))), ""]);
  rows.push(["fetched before the prompt, gzip where it helps", mib(median(browser.map((s) => s.gzipBytes))), "goal <= 5 MB"]);
  results.browser = browser;
} else if (section("browser")) {
  rows.push(["Chromium figures", "skipped", "no /usr/bin/chromium (apt-get install chromium)"]);
}
if (section("page") && hasChromium) {
  // Each command once per round, after eight rounds of warm-up (v86 compiles the guest's code
  // anew for a container's first runs: `docker run` takes 5-10 times as long until then); in
  // Node, the same commands the same way.
  const rounds = Number(process.env.BENCH_PAGE_ROUNDS ?? 2 * RUNS);
  const page = await pageConsoleFigures(rounds, 8, 500);
  const node = child("guest-cli.ts", "typed", String(rounds), "8");
  for (const { key, line } of TYPED_COMMANDS) {
    const ratio = page.medians[key]! / node[key]!;
    rows.push([`${line.length > 40 ? `${line.slice(0, 37)}...` : line} typed in the page`, ms(page.medians[key]!), `Node's console: ${ms(node[key]!)}; ${ratio.toFixed(2)}x (goal <= 1.3x); median of ${rounds}`]);
  }
  results.page = { rounds, page, node };
} else if (section("page")) {
  rows.push(["the page's terminal", "skipped", "no /usr/bin/chromium (apt-get install chromium)"]);
}
if (section("runtime")) {
  const runtime = Array.from({ length: Math.max(1, Math.ceil(RUNS / 2)) }, () => child("runtime.ts"));
  const pick = (key: string) => median(runtime.map((s) => s[key]!));
  rows.push(["container run-to-exit, busybox true (create+start+wait+remove)", ms(pick("runToExitMs")), "goal <= 150 ms; median of 20"]);
  rows.push(["the same on a bridge network (a veth pair on docker0)", ms(pick("runToExitBridgeMs")), "median of 20"]);
  rows.push(["bare busybox true spawned by the agent", ms(pick("bareSpawnMs")), ""]);
  rows.push(["container / bare ratio", pick("ratio").toFixed(1), "goal <= 3"]);
  rows.push(["container stdout streamed to the engine", `${pick("streamMBps").toFixed(2)} MB/s`, "goal >= 5 MB/s; 16 MiB"]);
  rows.push(["guest memory per idle container (sleep)", `${Math.round(pick("idleContainerBytes") / 1024)} KiB`, `cgroup memory.current ${Math.round(pick("idleContainerCgroupBytes") / 1024)} KiB`]);
  results.runtime = runtime;
}
if (section("daemon")) {
  const daemon = Array.from({ length: Math.max(1, Math.ceil(RUNS / 2)) }, () => child("daemon.ts"));
  const pick = (key: string) => median(daemon.map((s) => s[key]!));
  rows.push(["docker run --rm hello-world, image present (CLI, socket)", ms(pick("runHelloWorldMs")), "goal <= 300 ms; median of 20"]);
  rows.push(["docker ps (CLI, socket)", ms(pick("psMs")), `goal <= 20 ms; docker version alone: ${ms(pick("versionMs"))}`]);
  rows.push(["pull from the built-in hub (busybox, verified + unpacked)", `${pick("pullMBps").toFixed(1)} MB/s`, `goal >= 50 MB/s; ${ms(pick("pullMs"))} for the 1.09 MB layer`]);
  rows.push(["GET /containers/json, one keep-alive connection", `${Math.round(pick("listRequestsPerSecond"))} req/s`, ""]);
  results.daemon = daemon;
}
if (section("build")) {
  const build = Array.from({ length: Math.max(1, Math.ceil(RUNS / 2)) }, () => child("build.ts"));
  const pick = (key: string) => median(build.map((s) => s[key]!));
  rows.push(["docker build, FROM + 2 RUN + COPY + CMD, no cache (CLI, socket)", ms(pick("coldBuildMs")), "goal <= 1.5 s; median of 5"]);
  rows.push(["the same rebuilt, every step cached", ms(pick("cachedBuildMs")), "goal <= 250 ms"]);
  rows.push(["docker build -q --no-cache typed in the guest console", ms(pick("guestColdBuildMs")), "goal <= 1.5 s; to the next prompt"]);
  rows.push(["the same rebuilt from the cache, typed in the guest", ms(pick("guestCachedBuildMs")), "goal <= 250 ms"]);
  rows.push(["docker commit of a container with 1 MiB of changes", ms(pick("commitMs")), "goal <= 300 ms"]);
  results.build = build;
}
if (section("ports")) {
  const ports = Array.from({ length: Math.max(1, Math.ceil(RUNS / 2)) }, () => child("ports.ts"));
  const pick = (key: string) => median(ports.map((s) => s[key]!));
  rows.push(["8 MiB from busybox httpd through -p, fetched on this machine", `${pick("publishedMBps").toFixed(1)} MB/s`, "goal >= 10 MB/s; drydock daemon's listener"]);
  rows.push(["the same fetched in the guest (wget on the host's network)", `${pick("publishedInGuestMBps").toFixed(1)} MB/s`, "the agent's listener, through the engine"]);
  rows.push(["docker run --rm busybox true on the default bridge (CLI)", ms(pick("bridgeRunMs")), `goal <= 200 ms; --network none: ${ms(pick("noneRunMs"))}`]);
  rows.push(["ping between two containers on a user-defined network", `${pick("pingRttMs").toFixed(2)} ms`, "round trip, average of 10"]);
  rows.push(["nslookup of a container's name there (embedded DNS)", ms(pick("nslookupMs")), "per lookup, the nslookup process included"]);
  results.ports = ports;
}
if (section("preview") && hasChromium) {
  const preview = Array.from({ length: Math.max(1, Math.ceil(RUNS / 2)) }, () => child("preview.ts"));
  const pick = (key: string) => median(preview.map((s) => s[key]!));
  rows.push(["the preview's first byte of a page (Chromium, service worker)", ms(pick("firstByteMs")), "goal <= 50 ms; median of 20"]);
  rows.push(["8 MiB through the preview, after 3 to warm up", `${pick("bigMBps").toFixed(1)} MB/s`, `goal >= 5 MB/s; the first: ${pick("firstBigMBps").toFixed(1)} MB/s`]);
  results.preview = preview;
} else if (section("preview")) {
  rows.push(["the preview of published ports", "skipped", "no /usr/bin/chromium (apt-get install chromium)"]);
}
if (section("cli")) {
  const cli = Array.from({ length: Math.max(1, Math.ceil(RUNS / 2)) }, () => child("guest-cli.ts"));
  const pick = (key: string) => median(cli.map((s) => s[key]!));
  rows.push(["docker ps typed in the guest console, to the next prompt", ms(pick("guestPsMs")), "goal <= 100 ms; median of 20"]);
  rows.push(["docker run --rm hello-world typed in the guest console", ms(pick("guestHelloWorldMs")), `goal <= 400 ms; a bare echo: ${ms(pick("guestEchoMs"))}`]);
  rows.push(["docker -H tcp://docker:2375 ps (through the guest's TCP socket)", ms(pick("guestTcpPsMs")), ""]);
  rows.push(["curl --unix-socket /var/run/docker.sock .../_ping", ms(pick("curlPingMs")), `its first run, installing curl: ${ms(pick("curlInstallMs"))}`]);
  results.cli = cli;
}
if (section("http")) {
  const http = Array.from({ length: RUNS }, () => child("http-upload.ts"));
  const pick = (key: string) => median(http.map((s) => s[key]!));
  const worst = (key: string) => Math.max(...http.map((s) => s[key]!));
  for (const [encoding, label] of [["length", "Content-Length"], ["chunked", "chunked, 64 KiB chunks"]] as const) {
    rows.push([`64 MiB upload (${label}), one connection, UNIX socket`, ms(pick(`${encoding}UploadMs`)), `${pick(`${encoding}UploadMBps`).toFixed(0)} MB/s`]);
    rows.push([`  GET /_ping meanwhile on a second connection, median`, `${pick(`${encoding}PingMedianMs`).toFixed(1)} ms`, `max ${worst(`${encoding}PingMaxMs`).toFixed(1)} ms over all runs; one every 10 ms`]);
  }
  rows.push(["peak RSS of the upload benchmark process", `${Math.round(pick("peakRssMiB"))} MiB`, "the 64 MiB test body included"]);
  results.http = http;
}
if (snapshot) rows.push(["snapshot size (zstd -19)", mib(snapshot.info.size), ""]);

const width = Math.max(...rows.map((r) => r[0].length));
console.log(`Drydock guest VM, median of ${RUNS} runs\n`);
for (const [name, value, note] of rows) console.log(`${name.padEnd(width)}  ${value.padStart(18)}  ${note}`);
mkdirSync(join(PROJECT_ROOT, "bench", "results"), { recursive: true });
writeFileSync(join(PROJECT_ROOT, "bench", "results", "latest.json"), JSON.stringify(results, null, 2));
