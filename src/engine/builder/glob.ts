/**
 * Go's filepath.Match, as COPY and ADD sources use it: `*` and `?` stop at "/", `[a-z]` and
 * `[^a-z]` are classes, `\` escapes. Compiled to a regular expression over the whole path.
 */
export function globRegExp(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*") source += "[^/]*";
    else if (c === "?") source += "[^/]";
    else if (c === "\\" && i + 1 < pattern.length) source += escape(pattern[++i]!);
    else if (c === "[") {
      const end = pattern.indexOf("]", i + 2);
      if (end === -1) throw new SyntaxError("syntax error in pattern");
      let body = pattern.slice(i + 1, end);
      const negated = body.startsWith("^");
      if (negated) body = body.slice(1);
      source += `[${negated ? "^/" : ""}${body.replace(/[\]\\]/g, (m) => `\\${m}`)}]`;
      i = end;
    } else source += escape(c);
  }
  return new RegExp(`^${source}$`);
}

export function hasGlob(pattern: string): boolean {
  return /[*?[]/.test(pattern);
}

function escape(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, (m) => `\\${m}`);
}
