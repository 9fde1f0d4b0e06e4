// Heredoc words (`<<EOF`, `<<-EOF`, `<<"EOF"`, `2<<EOF`), found as BuildKit finds them: the line
// lexed with quotes and escapes kept, each word matched on its own. BuildKit reads these with `\`
// as the escape whatever the escape directive says, and so does Drydock.
import { DrydockError } from "../../../shared/errors";
import type { Heredoc } from "./instructions";
import { lex } from "./shell";

export type HeredocWord = Omit<Heredoc, "content">;

// Go's \s, which has no \v.
const HEREDOC = /^(\d*)<<(-?)[\t\n\f\r ]*([^<]*)$/;

const noEnv = () => undefined;

/** The heredoc a word opens, if it is one: a quoted name (any part of it) turns expansion off. */
export function heredocWord(word: string): HeredocWord | undefined {
  const match = HEREDOC.exec(word);
  const rest = match?.[3];
  if (!match || !rest) return undefined;
  const plain = lexWords(rest, false);
  if (plain?.length !== 1) return undefined;
  const name = plain[0]!;
  const raw = lexWords(rest, true)![0]!;
  return { name, expand: quotes(name) === quotes(raw), chomp: match[2] === "-" };
}

/** The heredocs opened on an instruction's line, in order. */
export function heredocWords(line: string): HeredocWord[] {
  const words = lexWords(line, true, true) ?? [];
  return words.map(heredocWord).filter((heredoc) => heredoc !== undefined);
}

/**
 * Words with unset variables left as written. A line that does not lex (an unclosed quote) has
 * no heredoc, as in BuildKit, which ignores that error.
 */
function lexWords(text: string, rawQuotes: boolean, rawEscapes = false): string[] | undefined {
  try {
    return lex(text, noEnv, { escape: "\\", rawQuotes, rawEscapes, skipUnsetEnv: true }).words;
  } catch (error) {
    if (error instanceof DrydockError) return undefined;
    throw error;
  }
}

function quotes(word: string): number {
  return word.replace(/[^'"]/g, "").length;
}

/** `<<-`: the leading tabs of every line removed. */
export function chompHeredoc(content: string): string {
  // After a newline only: Go's (?m)^ does not start a line after a lone \r, as JavaScript's does.
  return content.replace(/(?<=^|\n)\t+/g, "");
}
