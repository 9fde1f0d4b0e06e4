// Go's strconv.Quote, which Docker's messages and templates print with %q: the same words for the
// same input wherever Drydock shows a quoted value.

/** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrint(ch: string): boolean {
  return ch === " " || /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch);
}

/** strconv.Quote (QuoteToASCII when asciiOnly): printable characters kept, the rest escaped. */
export function goQuote(text: string, asciiOnly = false): string {
  let out = '"';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") out += "\\" + ch;
    else if (cp < 0x80 ? cp >= 0x20 && cp < 0x7f : !asciiOnly && isPrint(ch)) out += ch;
    else out += escapeRune(cp);
  }
  return out + '"';
}

const NAMED_ESCAPES: Record<number, string> = { 7: "\\a", 8: "\\b", 12: "\\f", 10: "\\n", 13: "\\r", 9: "\\t", 11: "\\v" };

function escapeRune(cp: number): string {
  const named = NAMED_ESCAPES[cp];
  if (named) return named;
  if (cp < 0x20 || cp === 0x7f) return `\\x${cp.toString(16).padStart(2, "0")}`;
  if (cp >= 0xd800 && cp < 0xe000) return "\\ufffd"; // a lone surrogate is no rune
  if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, "0")}`;
  return `\\U${cp.toString(16).padStart(8, "0")}`;
}
