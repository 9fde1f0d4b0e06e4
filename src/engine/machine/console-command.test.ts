import { describe, expect, it } from "vitest";
import { Emitter } from "../../shared/disposable";
import { lastLines, runOnConsole } from "./console-command";

/** A console whose guest side is this test: it sees what is typed and prints what it likes. */
function scriptedConsole() {
  const output = new Emitter<Uint8Array>();
  const typed: string[] = [];
  return {
    typed,
    print: (text: string) => output.emit(Uint8Array.from(text, (c) => c.charCodeAt(0))),
    console: {
      onData: (listener: (chunk: Uint8Array) => void) => output.on(listener),
      write: (data: Uint8Array | string) => void typed.push(String(data)),
      tail: () => "last line",
    },
  };
}

const idOf = (typed: string) => /^ \. \/mnt\/host\/run\/([0-9a-f]+)\.sh\n$/.exec(typed)![1]!;

describe("runOnConsole", () => {
  it("collects the output between the markers, however the chunks fall", async () => {
    const scripted = scriptedConsole();
    const files: Record<string, string> = {};
    const streamed: string[] = [];
    const result = runOnConsole(
      scripted.console,
      { writeFile: async (path, data) => void (files[path] = String(data)), remove: () => true },
      "echo hi",
      { onOutput: (bytes) => streamed.push(String.fromCharCode(...bytes)) },
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    const id = idOf(scripted.typed[0]!);
    expect(files[`run/${id}.sh`]).toBe(
      `printf '\\036B%s\\036\\n' ${id}\n(\necho hi\n) </dev/null\nprintf '\\036E%s %d\\036\\n' ${id} $?\n`,
    );
    const stream = `echo of the typed line\r\n\x1eB${id}\x1e\r\nhi\r\nsecond line\r\n\x1eE${id} 3\x1e\r\nroot@drydock:~# `;
    for (const piece of stream.match(/[\s\S]{1,3}/g)!) scripted.print(piece);
    expect(await result).toEqual({ output: "hi\nsecond line\n", status: 3 });
    expect(streamed.join("")).toBe("hi\nsecond line\n");
  });

  it("takes output chunks of any size", async () => {
    const scripted = scriptedConsole();
    const result = runOnConsole(scripted.console, { writeFile: async () => {}, remove: () => true }, "big");
    await new Promise((resolve) => setTimeout(resolve, 0));
    const id = idOf(scripted.typed[0]!);
    const big = "y".repeat(300_000);
    scripted.print(`\x1eB${id}\x1e\r\n${big}\x1eE${id} 0\x1e`);
    expect((await result).output).toBe(big);
  });

  it("times out with the console's last lines", async () => {
    const scripted = scriptedConsole();
    await expect(runOnConsole(scripted.console, { writeFile: async () => {}, remove: () => true }, "sleep 9", { timeoutMs: 20 })).rejects.toThrow(
      /did not finish within 20 ms; the console's last lines:\nlast line/,
    );
  });
});

describe("lastLines", () => {
  it("drops terminal escapes and carriage returns, keeping the last lines", () => {
    expect(lastLines("a\r\nb\r\n\x1b[1mc\x1b[0m\x1b[6n", 2)).toBe("b\nc");
  });
});
