// Go's unicode classes, which BuildKit's parser and shell lexer split and trim words by. They differ
// from JavaScript's: \s takes U+FEFF and leaves U+0085, and \d is ASCII only.

const SPACES = "[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
const SPACE = new RegExp(`^${SPACES}$`, "u");
const LEADING = new RegExp(`^${SPACES}+`, "u");
const TRAILING = new RegExp(`${SPACES}+$`, "u");

/** unicode.IsSpace. */
export function isSpace(ch: string): boolean {
  return SPACE.test(ch);
}

/** unicode.IsLetter. */
export function isLetter(ch: string): boolean {
  return /^\p{L}$/u.test(ch);
}

/** unicode.IsDigit (any decimal digit, not only 0-9). */
export function isDigit(ch: string): boolean {
  return /^\p{Nd}$/u.test(ch);
}

/** strings.TrimLeftFunc(text, unicode.IsSpace). */
export function trimLeftSpace(text: string): string {
  return text.replace(LEADING, "");
}

/** strings.TrimSpace. */
export function trimSpace(text: string): string {
  return trimLeftSpace(text).replace(TRAILING, "");
}
