// The patterns of ${VAR#pattern}, ${VAR%pattern} and ${VAR/pattern/replacement}, matched as
// BuildKit matches them: the shell wildcards made a Go regular expression (no bracket expressions),
// the suffix forms run as prefix matches on the reversed value.
import { DrydockError } from "../../../shared/errors";

/**
 * `*` any text (the longest when greedy), `?` one character, `\` quotes the next `*`, `?` or `\`
 * (and is dropped before `}` and `/`, which it only kept from ending the ${}).
 */
function toRegExp(pattern: string, greedy: boolean, anchored: boolean, flags = "u"): RegExp {
  const chars = Array.from(pattern);
  let source = anchored ? "^" : "";
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === "*") source += greedy ? ".*" : ".*?";
    else if (ch === "?") source += ".";
    else if (ch === "\\") {
      const next = chars[i + 1];
      if (next === "}" || next === "/") continue;
      i++;
      // Go prints the end of the pattern as U+FFFD, its rune for "no rune".
      if (next !== "*" && next !== "?" && next !== "\\") throw invalidPattern(pattern, `invalid escape '\\${next ?? "\ufffd"}'`);
      source += "\\" + next;
    } else if ("[]{}.+()|^$".includes(ch)) source += "\\" + ch;
    else source += ch;
  }
  return new RegExp(source, flags);
}

function invalidPattern(pattern: string, reason: string): DrydockError {
  return new DrydockError("InvalidParameter", `invalid pattern (${pattern}) in substitution: ${reason}`);
}

/** ${VAR#pattern} (shortest) and ${VAR##pattern} (greedy). */
export function trimPrefix(pattern: string, value: string, greedy: boolean): string {
  const match = toRegExp(pattern, greedy, true).exec(value);
  return match ? value.slice(match[0].length) : value;
}

/** ${VAR%pattern} and ${VAR%%pattern}: a regular expression cannot find the shortest rightmost match, so both sides are reversed. */
export function trimSuffix(pattern: string, value: string, greedy: boolean): string {
  return reverse(trimPrefix(reversePattern(pattern), reverse(value), greedy));
}

function reverse(text: string): string {
  return Array.from(text).reverse().join("");
}

/** Reversed, but an escape stays before the character it quotes: `a\*c` is `c\*a`. */
function reversePattern(pattern: string): string {
  const chars = Array.from(pattern);
  const out: string[] = [];
  for (let i = 0; i < chars.length; ) {
    if (chars[i] === "\\" && i !== chars.length - 1) {
      out.unshift("\\" + chars[i + 1]!);
      i += 2;
    } else out.unshift(chars[i++]!);
  }
  return out.join("");
}

/** ${VAR/pattern/replacement} (first match) and ${VAR//pattern/replacement} (every match; wildcards greedy in both). */
export function replaceMatches(value: string, pattern: string, replacement: string, all: boolean): string {
  if (!all) {
    const match = toRegExp(pattern, true, false).exec(value);
    return match ? value.slice(0, match.index) + replacement + value.slice(match.index + match[0].length) : value;
  }
  // Go's ReplaceAllString: an empty match right after a match is not replaced, and the replacement
  // is a template (see expandTemplate).
  let out = "";
  let last = 0;
  let previousEnd = -1;
  for (const match of value.matchAll(toRegExp(pattern, true, false, "gu"))) {
    const end = match.index + match[0].length;
    if (match[0] === "" && match.index === previousEnd) continue;
    out += value.slice(last, match.index) + expandTemplate(replacement);
    last = previousEnd = end;
  }
  return out + value.slice(last);
}

/**
 * Go's Regexp.Expand with no groups: `$$` is a dollar, `$name` and `${name}` name a group, which
 * the pattern never has (its parentheses are quoted), so they stand for nothing.
 */
function expandTemplate(template: string): string {
  let out = "";
  let rest = template;
  for (let at = rest.indexOf("$"); at >= 0; at = rest.indexOf("$")) {
    out += rest.slice(0, at);
    rest = rest.slice(at + 1);
    if (rest.startsWith("$")) {
      out += "$";
      rest = rest.slice(1);
      continue;
    }
    const group = /^(?:\{[\p{L}\p{Nd}_]+\}|[\p{L}\p{Nd}_]+)/u.exec(rest);
    if (group) rest = rest.slice(group[0].length);
    else out += "$";
  }
  return out + rest;
}
