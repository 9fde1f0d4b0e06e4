import { describe, expect, it } from "vitest";
import { PromptWatch, commandName, keystrokesFor } from "./prompt-watch";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("PromptWatch", () => {
  it("tells a fresh prompt, a line typed at it, a running command and a container's shell apart", () => {
    const watch = new PromptWatch();
    expect(watch.atPrompt).toBe(false);
    expect(watch.feed(bytes("Welcome\r\nroot@drydock:~# \x1b[6n"))).toBe(true);
    expect(watch.atPrompt).toBe(true);
    expect(watch.feed(bytes("docker run -it busybox s"))).toBe(false);
    expect(watch.atPrompt).toBe(true);
    expect(watch.feed(bytes("h\r\n"))).toBe(false);
    expect(watch.atPrompt).toBe(false);
    expect(watch.feed(bytes("/ # "))).toBe(false);
    expect(watch.atPrompt).toBe(false);
    expect(watch.feed(bytes("exit\r\nroot@drydock:/tmp# \x1b[6n"))).toBe(true);
    expect(watch.atPrompt).toBe(true);
  });

  it("tells of a prompt once its cursor query has come, in the prompt's chunk or one of its own", () => {
    const watch = new PromptWatch();
    expect(watch.feed(bytes("root@drydock:~# "))).toBe(false);
    expect(watch.atPrompt).toBe(true);
    expect(watch.feed(bytes("\x1b[6n"))).toBe(true);
    expect(watch.feed(bytes("ls\r\n\x1b[6n"))).toBe(false);
    expect(watch.feed(bytes("root@drydock:~# \x1b[6n"))).toBe(true);
  });

  it("waits past a prompt that asked nothing, written while typed-ahead input waited", () => {
    const watch = new PromptWatch();
    expect(watch.feed(bytes("root@drydock:~# "))).toBe(false);
    expect(watch.feed(bytes("docker ps\r\nCONTAINER ID\r\nroot@drydock:~# "))).toBe(false);
    expect(watch.feed(bytes("\x1b[6n"))).toBe(true);
  });

  it("reads the end of a chunk too large to spread into arguments", () => {
    const watch = new PromptWatch();
    expect(watch.feed(bytes(`${"x".repeat(1 << 20)}\r\nroot@drydock:~# \x1b[6n`))).toBe(true);
  });

  it("does not take a heredoc's > prompts, or a line typed at them, for the host's prompt", () => {
    const watch = new PromptWatch();
    expect(watch.feed(bytes("root@drydock:~/hello# \x1b[6n"))).toBe(true);
    expect(watch.feed(bytes("cat > Dockerfile <<'EOF'\r\n> "))).toBe(false);
    expect(watch.atPrompt).toBe(false);
    expect(watch.feed(bytes("# a comment\r\n> EOF\r\n"))).toBe(false);
    expect(watch.atPrompt).toBe(false);
    expect(watch.feed(bytes("root@drydock:~/hello# \x1b[6n"))).toBe(true);
  });
});

describe("keystrokesFor", () => {
  it("clears the line, then types each line of a command with Enter after it", () => {
    expect(keystrokesFor("docker ps")).toBe("\x15docker ps\r");
    expect(keystrokesFor("cat > f <<'EOF'\nFROM busybox\nEOF")).toBe("\x15cat > f <<'EOF'\rFROM busybox\rEOF\r");
  });
});

describe("commandName", () => {
  it("names a heredoc by its first line and how many lines follow", () => {
    expect(commandName("docker ps")).toBe("docker ps");
    expect(commandName("cat > f <<'EOF'\nFROM busybox\nEOF")).toBe("cat > f <<'EOF' (and 2 more lines)");
  });
});
