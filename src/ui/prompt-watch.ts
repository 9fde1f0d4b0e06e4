import { PROMPT_ASKED, PROMPT_LINE } from "../shared/prompt";

/** Enough of the console's tail to hold a prompt, with escapes. */
const TAIL = 256;

/** Follows the console's output for the Docker host's shell prompt. */
export class PromptWatch {
  private tail = "";
  private fresh = false;

  /**
   * Takes console output; true when it brings a fresh prompt (a command just finished) that has
   * asked for the cursor's position, once. Keystrokes sent before the terminal answers would come
   * before the answer, which then lands in the next command's input (`^[[12;17R` echoed under
   * `docker ps`). A prompt written with input already waiting asks nothing: that input runs and
   * the next prompt asks.
   */
  feed(data: Uint8Array): boolean {
    // Only the end matters, and spreading a large chunk into arguments throws (RangeError).
    this.tail = (this.tail + String.fromCharCode(...data.subarray(-TAIL))).slice(-TAIL);
    const was = this.fresh;
    this.fresh = PROMPT_ASKED.test(this.tail);
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
