// eslint-disable-next-line no-restricted-imports -- a constant: the guest's prompt, as the console shows it
import { PROMPT } from "../engine/machine/boot-config";

/** Enough of the console's tail to hold a prompt, with escapes. */
const TAIL = 256;

/** The start of the host shell's prompt line, and whatever has been typed after it since. */
const PROMPT_LINE = new RegExp(`${PROMPT.source.replace(/\$$/, "")}[^\\r\\n]*$`);

/** Follows the console's output for the Docker host's shell prompt. */
export class PromptWatch {
  private tail = "";

  /** Takes console output; true when it ends at a fresh prompt (a command just finished). */
  feed(data: Uint8Array): boolean {
    // Only the end matters, and spreading a large chunk into arguments throws (RangeError).
    this.tail = (this.tail + String.fromCharCode(...data.subarray(-TAIL))).slice(-TAIL);
    return PROMPT.test(this.tail);
  }

  /**
   * Whether the cursor is on the host shell's prompt line, so that what is typed goes to that
   * shell: not while a command runs, nor in a container's shell (`/ # `).
   */
  get atPrompt(): boolean {
    return PROMPT_LINE.test(this.tail);
  }
}
