// `docker` typed in the guest's root shell, as every tutorial shows it: the shim forwards the
// command line and the terminal to Drydock's CLI in the engine (real VM, real console).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEngineServer, type EngineServer } from "../support/engine-server";
import { typeLine } from "../support/console";

let server: EngineServer;

beforeAll(async () => {
  server = await startEngineServer();
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

/** The busybox shell's prompt in a container (ash asks where the cursor is after it). */
const CONTAINER_PROMPT = /\/ # (\x1b\[6n)?$/;

/** Waits until the console has printed `pattern` since this was called. */
function waitFor(pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => (subscription.dispose(), reject(new Error(`${pattern} not seen; the console printed:\n${output}`))), timeoutMs);
    const subscription = server.machine.console.onData((chunk) => {
      output += String.fromCharCode(...chunk).replace(/\r/g, "");
      if (!pattern.test(output)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(output);
    });
  });
}

describe("docker in the guest's shell", () => {
  it("runs hello-world, pulling it, and the exit status reaches the shell", async () => {
    const output = await typeLine(server.machine, "docker run --rm hello-world");
    expect(output).toContain("Unable to find image 'hello-world:latest' locally");
    expect(output).toContain("Hello from Drydock!");
    expect(await typeLine(server.machine, "echo status=$?")).toContain("status=0");
  });

  it("prints Docker's tables and errors, with Docker's exit codes", async () => {
    const ps = await typeLine(server.machine, "docker ps -a");
    expect(ps).toMatch(/^CONTAINER ID +IMAGE +COMMAND +CREATED +STATUS +PORTS +NAMES$/m);
    expect(await typeLine(server.machine, "docker inspect nope; echo status=$?")).toContain("Error: No such object: nope\nstatus=1");
    expect(await typeLine(server.machine, "docker run --nope busybox; echo status=$?")).toMatch(/unknown flag: --nope\n[\s\S]*status=125/);
    expect(await typeLine(server.machine, "docker run --rm hello-world nosuch; echo status=$?")).toContain("status=127");
  });

  it("passes DOCKER_* variables and -e NAME from the shell's environment", async () => {
    const output = await typeLine(server.machine, "GREETING=hi docker run --rm -e GREETING hello-world >/dev/null; DOCKER_HOST=tcp://127.0.0.1:1 docker ps; echo status=$?");
    expect(output).toContain("Cannot connect to the Docker daemon at tcp://127.0.0.1:1. Is the docker daemon running?");
    expect(output).toContain("status=1");
  });

  it("reads --env-file from the shell's working directory, and says Docker's words when it is missing", async () => {
    const output = await typeLine(server.machine, "cd /tmp && printf '# greeting\\nWHO=world\\n\\nLANG\\n' > app.env && LANG=C docker run --rm --env-file app.env busybox sh -c 'echo $WHO $LANG'; cd");
    expect(output).toContain("world C\n");
    expect(await typeLine(server.machine, "docker run --rm --env-file nope.env busybox true; echo status=$?")).toContain(
      "docker: open nope.env: no such file or directory\n\nRun 'docker run --help' for more information\nstatus=125",
    );
  });

  it("leaves what was typed ahead to the shell when the command reads no input", async () => {
    // Both lines at once: the second sits in the terminal while docker runs, then the shell reads it.
    const both = waitFor(/\ntyped-ahead\n[\s\S]*root@drydock/);
    server.machine.console.write("docker version --format '{{.Server.Os}}'\necho typed-ahead\n");
    expect(await both).toMatch(/^linux$/m);
  });

  it("pipes stdin into docker run -i", async () => {
    expect(await typeLine(server.machine, "echo piped | docker run -i --rm busybox sh -c 'cat; echo done'")).toContain("piped\ndone\n");
  });

  it("runs -it: the shell in the container is PID 1, Ctrl-C stops a sleep, exit's status comes back", async () => {
    const prompt = waitFor(CONTAINER_PROMPT);
    server.machine.console.write("docker run -it --rm busybox sh\n");
    await prompt;
    const ps = waitFor(CONTAINER_PROMPT);
    server.machine.console.write("ps\n");
    expect(await ps).toMatch(/^ +1 root +sh$/m);
    const started = Date.now();
    const interrupted = waitFor(/\^C[\s\S]*\/ # (\x1b\[6n)?$/);
    server.machine.console.write("sleep 30\n");
    await new Promise((resolve) => setTimeout(resolve, 1000));
    server.machine.console.write("\x03");
    await interrupted;
    expect(Date.now() - started).toBeLessThan(20_000);
    const back = await typeLine(server.machine, "exit 3");
    expect(back).not.toContain("Error");
    expect(await typeLine(server.machine, "echo status=$?")).toContain("status=3");
  });

  it("ends a follow with Ctrl-C and the shell sees 130", async () => {
    await typeLine(server.machine, "docker run -d --name ticker busybox sh -c 'while true; do echo tick; sleep 1; done'");
    const ticking = waitFor(/tick\n/);
    server.machine.console.write("docker logs -f ticker\n");
    await ticking;
    const prompt = waitFor(/root@drydock:[^\n]*# /);
    server.machine.console.write("\x03");
    await prompt;
    expect(await typeLine(server.machine, "echo status=$?")).toContain("status=130");
    await typeLine(server.machine, "docker rm -f ticker");
  });

  it("detaches with Ctrl-P Ctrl-Q, leaving the container running", async () => {
    const prompt = waitFor(CONTAINER_PROMPT);
    server.machine.console.write("docker run -it --name stay busybox sh\n");
    await prompt;
    const back = waitFor(/root@drydock:[^\n]*# /);
    server.machine.console.write("\x10\x11");
    await back;
    expect(await typeLine(server.machine, "docker inspect -f '{{.State.Running}}' stay")).toContain("true\n");
    await typeLine(server.machine, "docker rm -f stay");
  });
});
