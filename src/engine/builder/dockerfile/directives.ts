// Parser directives: `# name=value` comment lines at the very top of a Dockerfile. The first line
// that is not one (an instruction, a blank line, any other comment) ends them, as BuildKit reads them.
import { DrydockError } from "../../../shared/errors";
import { trimLeftSpace } from "./go-unicode";
import type { EscapeChar } from "./shell";

/** syntax (a frontend image: Drydock has one builder) and check (lint rules) are accepted and ignored. */
const KNOWN = new Set(["syntax", "escape", "check"]);

// Go's \s, which has no \v.
const DIRECTIVE = /^([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*(.+?)[\t\n\f\r ]*$/;

export class Directives {
  escape: EscapeChar = "\\";
  private done = false;
  private readonly seen = new Set<string>();

  /** Reads the next line of the file, left-trimmed. */
  read(line: string): void {
    if (this.done) return;
    const match = line.startsWith("#") ? DIRECTIVE.exec(trimLeftSpace(line.slice(1))) : null;
    const name = match?.[1]?.toLowerCase();
    if (!match || name === undefined || !KNOWN.has(name)) {
      this.done = true;
      return;
    }
    if (this.seen.has(name)) throw new DrydockError("InvalidParameter", `only one ${name} parser directive can be used`);
    this.seen.add(name);
    if (name === "escape") this.escape = escapeChar(match[2]!);
  }
}

function escapeChar(value: string): EscapeChar {
  if (value !== "`" && value !== "\\") throw new DrydockError("InvalidParameter", `invalid escape token '${value}' does not match \` or \\`);
  return value;
}
