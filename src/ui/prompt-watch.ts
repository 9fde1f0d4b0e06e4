import { PROMPT } from "../shared/prompt";

/** Enough of the console's tail to hold a prompt, with escapes. */
const TAIL = 256;

/** The start of the host shell's prompt line, and whatever has been typed after it since. */
const PROMPT_LINE = new RegExp(`${PROMPT.source.replace(/\$$/, "")}[^\\r\\n]*$`);

/** Follows the console's output for the Docker host's shell prompt. */
export class PromptWatch {
  private tail = "";
  private fresh = false;

  /**
   * Takes console output; true when it brings a fresh prompt (a command just finished), once:
   * the shell's cursor query after its prompt, a chunk of its own, is not a second prompt.
   */
  feed(data: Uint8Array): boolean {
    // Only the end matters, and spreading a large chunk into arguments throws (RangeError).
    this.tail = (this.tail + String.fromCharCode(...data.subarray(-TAIL))).slice(-TAIL);
    const was = this.fresh;
    this.fresh = PROMPT.test(this.tail);
    return this.fresh && !was;
  }

  /**
   * Whether the cursor is on the host shell's prompt line, so that what is typed goes to that
   * shell: not while a command runs, nor in a container's shell (`/ # `).
   */
  get atPrompt(): boolean {
    return PROMPT_LINE.test(this.tail);
  }
}

/**
 * What a Run command is typed as at the host's prompt: ^U first, so that whatever was half-typed
 * on the line goes and the command runs as written, then its lines with Enter after each. A
 * heredoc's lines follow the line that opened it, read by the shell at its `> ` prompts.
 */
export function keystrokesFor(command: string): string {
  return `\x15${command.split("\n").join("\r")}\r`;
}

/** A Run command named in one line: a heredoc's first line, and how many lines follow it. */
export function commandName(command: string): string {
  const [first, ...rest] = command.split("\n");
  return rest.length === 0 ? first! : `${first} (and ${rest.length} more lines)`;
}
