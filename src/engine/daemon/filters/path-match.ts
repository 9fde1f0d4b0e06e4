import { DrydockError } from "../../../shared/errors";

// Go's path.Match, which the `reference` image filter uses: `*` and `?` stop at `/`, `[a-z]` and
// `[^a]` are classes, `\` escapes. Docker answers a malformed pattern with Go's ErrBadPattern text.

function badPattern(): DrydockError {
  return new DrydockError("InvalidParameter", "syntax error in pattern");
}

/** Leading stars, then the pattern up to the next star outside a class. */
function scanChunk(pattern: string[]): { star: boolean; chunk: string[]; rest: string[] } {
  let start = 0;
  while (pattern[start] === "*") start++;
  let inClass = false;
  let i = start;
  for (; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") i++;
    else if (c === "[") inClass = true;
    else if (c === "]") inClass = false;
    else if (c === "*" && !inClass) break;
  }
  return { star: start > 0, chunk: pattern.slice(start, Math.min(i, pattern.length)), rest: pattern.slice(Math.min(i, pattern.length)) };
}

/** One class member (escaped or not); `-` and `]` cannot start one, and it cannot end the chunk. */
function classChar(chunk: string[], at: number): [string, number] {
  if (at >= chunk.length || chunk[at] === "-" || chunk[at] === "]") throw badPattern();
  if (chunk[at] === "\\" && ++at >= chunk.length) throw badPattern();
  if (at + 1 >= chunk.length) throw badPattern();
  return [chunk[at]!, at + 1];
}

/** What is left of `name` after `chunk` matches its start, or undefined; a malformed chunk throws. */
function matchChunk(chunk: string[], name: string[]): string[] | undefined {
  let failed = false;
  let s = 0;
  for (let i = 0; i < chunk.length; ) {
    if (s >= name.length) failed = true;
    const c = chunk[i]!;
    if (c === "[") {
      const r = name[s++];
      i++;
      const negated = chunk[i] === "^";
      if (negated) i++;
      let matched = false;
      for (let ranges = 0; ; ranges++) {
        if (chunk[i] === "]" && ranges > 0) {
          i++;
          break;
        }
        let lo: string;
        let hi: string;
        [lo, i] = classChar(chunk, i);
        hi = lo;
        if (chunk[i] === "-") [hi, i] = classChar(chunk, i + 1);
        if (r !== undefined && lo.codePointAt(0)! <= r.codePointAt(0)! && r.codePointAt(0)! <= hi.codePointAt(0)!) matched = true;
      }
      if (matched === negated) failed = true;
    } else if (c === "?") {
      if (!failed && name[s++] === "/") failed = true;
      i++;
    } else {
      if (c === "\\" && ++i >= chunk.length) throw badPattern();
      if (!failed && chunk[i] !== name[s++]) failed = true;
      i++;
    }
  }
  return failed ? undefined : name.slice(s);
}

/** path.Match(pattern, name). */
export function pathMatch(patternText: string, nameText: string): boolean {
  let pattern = [...patternText];
  let name = [...nameText];
  outer: while (pattern.length > 0) {
    const { star, chunk, rest } = scanChunk(pattern);
    pattern = rest;
    if (star && chunk.length === 0) return !name.includes("/");
    const left = matchChunk(chunk, name);
    if (left !== undefined && (left.length === 0 || pattern.length > 0)) {
      name = left;
      continue;
    }
    if (star) {
      for (let i = 0; i < name.length && name[i] !== "/"; i++) {
        const after = matchChunk(chunk, name.slice(i + 1));
        if (after !== undefined && !(pattern.length === 0 && after.length > 0)) {
          name = after;
          continue outer;
        }
      }
    }
    // A mismatch still reports a malformed rest of the pattern, as Go does.
    while (pattern.length > 0) {
      const next = scanChunk(pattern);
      pattern = next.rest;
      matchChunk(next.chunk, []);
    }
    return false;
  }
  return name.length === 0;
}
