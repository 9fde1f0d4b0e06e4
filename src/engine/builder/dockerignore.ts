// .dockerignore as the docker CLI reads it (moby/patternmatcher's ignorefile and matcher, and
// docker/cli's build context code): patterns relative to the context, Go's filepath.Match
// syntax plus `**`, later patterns overriding earlier ones, `!` re-including.
import { DrydockError } from "../../shared/errors";
import { cleanPath } from "./go-path";

/**
 * The patterns of a .dockerignore: a byte-order mark dropped, lines starting with `#` (before
 * any trimming) skipped, the rest trimmed, cleaned as paths, a leading `/` dropped (the context
 * is the root), `!` kept in front.
 */
export function readDockerignore(text: string): string[] {
  const patterns: string[] = [];
  const lines = text.replace(/^\uFEFF/, "").split("\n");
  if (lines.at(-1) === "") lines.pop();
  for (const raw of lines) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.startsWith("#")) continue;
    let pattern = line.trim();
    if (pattern === "") continue;
    const invert = pattern.startsWith("!");
    if (invert) pattern = pattern.slice(1).trim();
    if (pattern !== "") {
      pattern = cleanPath(pattern);
      if (pattern.length > 1 && pattern.startsWith("/")) pattern = pattern.slice(1);
    }
    patterns.push(invert ? `!${pattern}` : pattern);
  }
  return patterns;
}

/** What a directory's match left for its entries: which patterns matched it (or a parent). */
export type MatchInfo = readonly boolean[];

interface Pattern {
  /** Without its `!`. */
  text: string;
  exclusion: boolean;
  /** How the pattern is tested: the regular expression only when nothing simpler says the same. */
  test: (path: string) => boolean;
}

/**
 * The patterns of a .dockerignore (with the build's own exceptions added), tested against
 * slash-separated paths relative to the context. A path is excluded when the last pattern
 * that matches it (or one of its parent directories) is not an exception.
 */
export class PatternMatcher {
  private readonly patterns: Pattern[] = [];
  /** Some pattern starts with `!`. */
  readonly hasExceptions: boolean;

  constructor(patterns: readonly string[]) {
    for (const given of patterns) {
      let text = given.trim();
      if (text === "") continue;
      text = cleanPath(text);
      const exclusion = text.startsWith("!");
      if (exclusion) {
        if (text.length === 1) throw new DrydockError("InvalidParameter", 'illegal exclusion pattern: "!"');
        text = text.slice(1);
      }
      checkGlob(text);
      this.patterns.push({ text, exclusion, test: compile(text) });
    }
    this.hasExceptions = this.patterns.some((p) => p.exclusion);
  }

  /**
   * Whether `path` is excluded, given what matched its parent directory (a walk hands each
   * directory's info to its entries). Without a parent's info, the path's parent directories
   * are tested too, so a pattern naming a directory excludes all under it.
   */
  match(path: string, parent?: MatchInfo): { excluded: boolean; info: MatchInfo } {
    const file = cleanPath(path);
    let excluded = false;
    const info = this.patterns.map(() => false);
    this.patterns.forEach((pattern, i) => {
      let matched = parent?.[i] ?? false;
      if (!matched) {
        // An exception cannot change a path nothing excluded, nor a pattern one already excluded.
        if (pattern.exclusion !== excluded) return;
        matched = pattern.test(file) || (!parent && parentDirectories(file).some((dir) => pattern.test(dir)));
      }
      info[i] = matched;
      if (matched) excluded = !pattern.exclusion;
    });
    return { excluded, info };
  }

  /**
   * Whether nothing under an excluded directory can be let back in: no exception pattern lies
   * inside it (moby's test, by the pattern's text). Then the walk never lists it at all.
   */
  prunes(directory: string): boolean {
    const prefix = `${directory}/`;
    return !this.patterns.some((p) => p.exclusion && `${p.text}/`.startsWith(prefix));
  }
}

/**
 * docker/cli's TrimBuildFilesFromExcludes: the Dockerfile and .dockerignore are sent even when
 * excluded (the daemon reads them, then leaves them out of what COPY sees), by exceptions
 * added at the end. `dockerfile` is its path in the context, when it is there (not from stdin
 * or outside). Docker tests them with the matcher's older Matches, which looks at the one
 * parent directory as deep as the pattern has parts; this looks at every parent, which differs
 * only for a `**` pattern that matches a parent of another depth.
 */
export function keepBuildFiles(excludes: readonly string[], dockerfile?: string): string[] {
  const matcher = new PatternMatcher(excludes);
  const kept = [...excludes];
  if (matcher.match(".dockerignore").excluded) kept.push("!.dockerignore");
  if (dockerfile !== undefined && matcher.match(dockerfile).excluded) kept.push(`!${dockerfile}`);
  return kept;
}

/** "a", "a/b" for "a/b/c". */
function parentDirectories(path: string): string[] {
  const parts = path.split("/").slice(0, -1);
  return parts.map((_, i) => parts.slice(0, i + 1).join("/"));
}

const badPattern = () => new DrydockError("InvalidParameter", "syntax error in pattern");

/**
 * Go's filepath.Match syntax, which the pattern must follow (moby asks Match for its error):
 * a `\` escapes the next character and cannot end the pattern; a class `[...]` or `[^...]`
 * holds at least one character or range, none starting with an unescaped `-` or `]`.
 */
function checkGlob(pattern: string): void {
  const chars = [...pattern];
  let i = 0;
  const escaped = () => {
    const c = chars[i];
    if (c === undefined || c === "-" || c === "]") throw badPattern();
    i += c === "\\" ? 2 : 1;
    if (c === "\\" && i > chars.length) throw badPattern();
  };
  while (i < chars.length) {
    const c = chars[i++];
    if (c === "\\") {
      if (i >= chars.length) throw badPattern();
      i++;
    } else if (c === "[") {
      if (chars[i] === "^") i++;
      let ranges = 0;
      while (chars[i] !== "]" || ranges === 0) {
        escaped();
        if (chars[i] === "-") {
          i++;
          escaped();
        }
        ranges++;
      }
      i++;
    }
  }
}

/** Go's `[^/]` is one character, a whole code point: a surrogate pair in JavaScript. */
const ONE_CHARACTER = "(?:[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]|[^/])";
/** Characters a regular expression gives a meaning that filepath.Match does not. */
const LITERAL = new Set([".", "+", "(", ")", "|", "{", "}", "$"]);

/**
 * The test for one pattern, as moby's matcher turns it into a regular expression: `*` any run
 * within a path segment, `?` one character, `**` any number of segments (`**` at the end any
 * rest), classes as they are. A pattern with no wildcard is compared whole; one that only
 * ends in `**` is a prefix; one that starts with `**` is a suffix test (moby's shortcuts,
 * kept for the paths where they answer differently).
 */
function compile(pattern: string): (path: string) => boolean {
  const chars = [...pattern];
  let source = "^";
  let kind: "exact" | "prefix" | "suffix" | "regexp" = "exact";
  for (let i = 0, n = 0; i < chars.length; n++) {
    const c = chars[i++]!;
    if (c === "*" && chars[i] === "*") {
      i++;
      if (chars[i] === "/") i++;
      if (i < chars.length) {
        source += "(.*/)?";
        kind = "regexp";
      } else if (kind === "exact") {
        kind = "prefix";
      } else {
        source += ".*";
        kind = "regexp";
      }
      if (n === 0) kind = "suffix";
    } else if (c === "*" || c === "?") {
      source += c === "*" ? "[^/]*" : ONE_CHARACTER;
      kind = "regexp";
    } else if (LITERAL.has(c)) {
      source += `\\${c}`;
    } else if (c === "\\") {
      source += `\\${chars[i++]}`;
      kind = "regexp";
    } else {
      source += c;
      if (c === "[" || c === "]") kind = "regexp";
    }
  }
  switch (kind) {
    case "exact":
      return (path) => path === pattern;
    case "prefix":
      return (path) => path.startsWith(pattern.slice(0, -2));
    case "suffix": {
      const suffix = pattern.slice(2);
      // `**/foo` is also `foo` at the top.
      return (path) => path.endsWith(suffix) || (suffix.startsWith("/") && path === suffix.slice(1));
    }
    case "regexp": {
      let regexp: RegExp;
      try {
        regexp = new RegExp(`${source}$`);
      } catch {
        throw badPattern();
      }
      return (path) => regexp.test(path);
    }
  }
}
