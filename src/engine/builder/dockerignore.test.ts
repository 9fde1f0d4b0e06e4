// .dockerignore as docker reads it: the cases of moby/patternmatcher's and docker/cli's
// documented behaviour (the reference's "Exclude with .dockerignore" section among them).
import { describe, expect, it } from "vitest";
import { keepBuildFiles, PatternMatcher, readDockerignore } from "./dockerignore";

const excluded = (patterns: string[], path: string) => new PatternMatcher(patterns).match(path).excluded;

describe("reading a .dockerignore", () => {
  it("skips comments and blank lines, trims, cleans, and drops a leading slash", () => {
    const text = "\uFEFF# comment\n\n  node_modules  \r\n/tmp/\n./build/../dist\n!  /keep.txt\n*.md\n  # not a comment\n**/.git\n/\nlast";
    expect(readDockerignore(text)).toEqual(["node_modules", "tmp", "dist", "!keep.txt", "*.md", "# not a comment", "**/.git", "/", "last"]);
  });

  it("keeps a lone ! for the matcher to refuse, as docker does", () => {
    expect(readDockerignore("!\n")).toEqual(["!"]);
    expect(() => new PatternMatcher(["!"])).toThrow('illegal exclusion pattern: "!"');
  });

  it("reads an empty or absent file as no patterns", () => {
    expect(readDockerignore("")).toEqual([]);
    expect(readDockerignore("\n\n# only a comment\n")).toEqual([]);
  });
});

describe("matching a path", () => {
  it.each([
    // pattern, path, excluded
    ["*", "Dockerfile", true],
    ["*.go", "main.go", true],
    ["*.go", "cmd/main.go", false],
    ["*/*.go", "cmd/main.go", true],
    ["docs", "docs/README.md", true],
    ["docs/", "docs/README.md", true],
    ["node_modules", "node_modules/a/b/index.js", true],
    ["node_modules", "web/node_modules/a.js", false],
    ["**/node_modules", "web/node_modules/a.js", true],
    ["**", "anything/at/all", true],
    ["**/", "file", true],
    ["**/dir", "dir", true],
    ["**/dir", "dir/file", true],
    ["**/dir2/*", "dir/dir2/file", true],
    ["**/dir2/**", "dir/dir2/dir3/file", true],
    ["**file", "dir/dir/file", true],
    ["**/file*.txt", "dir/dir/file.txt", true],
    ["**/**/*.txt2", "dir/dir/file.txt", false],
    ["**/*.txt", "file.txt", true],
    ["a**/*.txt", "a/dir/dir/file.txt", true],
    ["a/*.txt", "a/dir/file.txt", false],
    ["a/*.txt**", "a/file.txt", true],
    ["dir/**", "dir/dir2/file", true],
    ["abc/**", "abc", false],
    ["abc/**", "abc/def/ghi", true],
    ["**/foo/bar", "foo/bar", true],
    ["**/foo/bar", "dir/dir2/foo/bar", true],
    ["**/.foo", ".foo", true],
    ["**/.foo", "bar.foo", false],
    ["a[b-d]e", "ace", true],
    ["a[b-d]e", "aae", false],
    ["a[^b-d]e", "aze", true],
    [".*", ".env", true],
    [".*", "env", false],
    ["abc.def", "abcZdef", false],
    ["abc?def", "abcZdef", true],
    ["abc?def", "abcdef", false],
    ["abc?def", "abc/def", false],
    ["a?c", "a\u{1F600}c", true],
    ["a(b)c/def", "a(b)c/def", true],
    ["a.|)$(}+{bc", "a.|)$(}+{bc", true],
    ["dist/*.whl", "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", true],
    ["a\\*b", "a*b", true],
    ["a\\*b", "axb", false],
    ["a\\\\", "a\\", true],
    ["./build", "build/out.js", true],
    ["build/../dist", "dist", true],
  ])("%s against %s: %s", (pattern, path, expected) => {
    expect(excluded([pattern], path)).toBe(expected);
  });

  it("lets the last pattern that matches decide, ! re-including", () => {
    expect(excluded(["*.md", "!README.md"], "README.md")).toBe(false);
    expect(excluded(["*.md", "!README.md"], "CHANGES.md")).toBe(true);
    expect(excluded(["!README.md", "*.md"], "README.md")).toBe(true);
    expect(excluded(["docs", "!docs/README.md"], "docs/README.md")).toBe(false);
    expect(excluded(["docs/*", "!docs/README.md"], "docs/README.md")).toBe(false);
    expect(excluded(["**", "!util/docker/web"], "util/docker/web/foo")).toBe(false);
    expect(excluded(["**", "!util/docker/web", "util/docker/web/foo"], "util/docker/web/foo")).toBe(true);
    expect(excluded(["**", "!dist/*.whl"], "dist/x.whl")).toBe(false);
  });

  it("uses a directory's result for what is inside it, as a walk hands it down", () => {
    const matcher = new PatternMatcher(["build", "!build/keep"]);
    const dir = matcher.match("build");
    expect(dir.excluded).toBe(true);
    expect(matcher.match("build/keep", dir.info).excluded).toBe(false);
    expect(matcher.match("build/other", dir.info).excluded).toBe(true);
    const keep = matcher.match("build/keep", dir.info);
    expect(matcher.match("build/keep/deep.txt", keep.info).excluded).toBe(false);
  });

  it("refuses a pattern filepath.Match calls malformed", () => {
    for (const bad of ["[", "a[", "[]", "[]a]", "[-a]", "[a-]", "[^]", "a\\", "[z-a]"]) {
      expect(() => new PatternMatcher([bad]), bad).toThrow("syntax error in pattern");
    }
    for (const fine of ["[a]", "[\\]]", "[^/]", "a[\\-]b", "\\[x\\]"]) expect(() => new PatternMatcher([fine]), fine).not.toThrow();
    expect(excluded(["\\[x\\]"], "[x]")).toBe(true);
  });
});

describe("pruning a directory", () => {
  it("skips an excluded directory whole unless an exception lies inside it", () => {
    expect(new PatternMatcher(["node_modules"]).prunes("node_modules")).toBe(true);
    expect(new PatternMatcher(["node_modules", "!node_modules/keep.js"]).prunes("node_modules")).toBe(false);
    expect(new PatternMatcher(["node_modules", "!node_modules"]).prunes("node_modules")).toBe(false);
    // moby looks at the exception's text: one that could match inside only by a wildcard does not count.
    expect(new PatternMatcher(["node_modules", "!**/keep.js"]).prunes("node_modules")).toBe(true);
    expect(new PatternMatcher(["node_modules", "!other/keep.js"]).prunes("node_modules")).toBe(true);
    expect(new PatternMatcher(["a", "!a/b/c"]).prunes("a/b")).toBe(false);
  });
});

describe("the build's own files", () => {
  it("are sent even when excluded: the Dockerfile and .dockerignore get exceptions at the end", () => {
    expect(keepBuildFiles(["*"], "Dockerfile")).toEqual(["*", "!.dockerignore", "!Dockerfile"]);
    expect(keepBuildFiles(["build"], "build/app.Dockerfile")).toEqual(["build", "!build/app.Dockerfile"]);
    expect(keepBuildFiles(["*.md"], "Dockerfile")).toEqual(["*.md"]);
    expect(keepBuildFiles([".dockerignore"], undefined)).toEqual([".dockerignore", "!.dockerignore"]);
    expect(keepBuildFiles(["*"], undefined)).toEqual(["*", "!.dockerignore"]);
  });
});
