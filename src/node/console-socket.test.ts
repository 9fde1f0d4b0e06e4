// The daemon's console socket end to end (console-server.ts and console-client.ts) over a real
// UNIX socket, with a guest made of plain functions: what it saw, and in what order.
import { mkdtempSync, statSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Emitter } from "../shared/disposable";
import { DrydockError } from "../shared/errors";
import { daemonShell } from "./console-client";
import { CONSOLE_SOCKET } from "./console-frames";
import { serveConsole } from "./console-server";
import type { GuestShell } from "./guest-shell";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const bytes = (value: string) => new TextEncoder().encode(value);

/** A guest that records what reached it, and whose resize is done only when `sized` is called. */
function fakeGuest() {
  const output = new Emitter<Uint8Array>();
  const seen: string[] = [];
  let sized = () => {};
  const guest: GuestShell = {
    attachedTo: "a fake guest",
    attach: async (onData) => Object.assign(output.on(onData), { screen: bytes("prompt$ ") }),
    write: (data) => void seen.push(`write ${text(data)}`),
    resize: (columns, rows) => {
      seen.push(`resize ${columns}x${rows}`);
      return new Promise<void>((resolve) => (sized = resolve));
    },
    tail: () => "",
    run: async (command, onOutput) => {
      if (command === "hang up") throw new DrydockError("Unavailable", "the command did not finish");
      onOutput(bytes(`ran ${command}\n`));
      return 7;
    },
    close: async () => {},
  };
  return { guest, output, seen, sized: () => sized() };
}

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve() {
  const dataRoot = mkdtempSync(join(tmpdir(), "drydock-console-"));
  const fake = fakeGuest();
  servers.push(await serveConsole(join(dataRoot, CONSOLE_SOCKET), fake.guest));
  return { dataRoot, ...fake };
}

describe("the console socket", () => {
  it("is the daemon's user's alone", async () => {
    const { dataRoot } = await serve();
    expect(statSync(join(dataRoot, CONSOLE_SOCKET)).mode & 0o777).toBe(0o600);
  });

  it("runs a command: its output, then its exit status, or why it could not run", async () => {
    const { dataRoot } = await serve();
    const output: string[] = [];
    const shell = (await daemonShell(dataRoot))!;
    expect(await shell.run("uname", (chunk) => output.push(text(chunk)))).toBe(7);
    expect(output).toEqual(["ran uname\n"]);
    await shell.close();
    const again = (await daemonShell(dataRoot))!;
    await expect(again.run("hang up", () => {})).rejects.toThrow("the command did not finish");
    await again.close();
  });

  it("attaches: the screen first, then the console's output; what is typed after a resize waits for it", async () => {
    const { dataRoot, output, seen, sized } = await serve();
    const shell = (await daemonShell(dataRoot))!;
    const received: string[] = [];
    const attachment = await shell.attach((chunk) => received.push(text(chunk)), () => {});
    expect(text(attachment.screen)).toBe("prompt$ ");
    output.emit(bytes("hello\n"));
    await expect.poll(() => received).toEqual(["hello\n"]);
    expect(shell.tail()).toBe("prompt$ hello\n");
    await shell.resize(111, 33);
    shell.write(bytes("stty size\n"));
    await expect.poll(() => seen).toEqual(["resize 111x33"]);
    sized();
    await expect.poll(() => seen).toEqual(["resize 111x33", "write stty size\n"]);
    attachment.dispose();
    await shell.close();
  });

  it("tells an attached shell when the daemon stops", async () => {
    const { dataRoot } = await serve();
    const shell = (await daemonShell(dataRoot))!;
    let ended = false;
    await shell.attach(() => {}, () => (ended = true));
    await servers.pop()!.close();
    await expect.poll(() => ended).toBe(true);
  });

  it("drops a client that does not speak its protocol, and is none where no daemon listens", async () => {
    const { dataRoot, seen } = await serve();
    const closed = await new Promise<boolean>((resolve) => {
      const socket = connect(join(dataRoot, CONSOLE_SOCKET), () => socket.write("GET / HTTP/1.1\r\n\r\n"));
      socket.on("close", () => resolve(true));
    });
    expect(closed).toBe(true);
    expect(seen).toEqual([]);
    expect(await daemonShell(mkdtempSync(join(tmpdir(), "drydock-console-")))).toBeUndefined();
  });
});
