import { describe, expect, it } from "vitest";
import { pathMatch } from "./path-match";

describe("Go's path.Match", () => {
  it("matches as Go's own table does", () => {
    const cases: [string, string, boolean][] = [
      ["abc", "abc", true],
      ["*", "abc", true],
      ["*c", "abc", true],
      ["a*", "a", true],
      ["a*", "abc", true],
      ["a*", "ab/c", false],
      ["a*/b", "abc/b", true],
      ["a*/b", "a/c/b", false],
      ["a*b*c*d*e*/f", "axbxcxdxe/f", true],
      ["a*b*c*d*e*/f", "axbxcxdxexxx/f", true],
      ["a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false],
      ["a*b*c*d*e*/f", "axbxcxdxexxx/fff", false],
      ["a*b?c*x", "abxbbxdbxebxczzx", true],
      ["a*b?c*x", "abxbbxdbxebxczzy", false],
      ["ab[c]", "abc", true],
      ["ab[b-d]", "abc", true],
      ["ab[e-g]", "abc", false],
      ["ab[^c]", "abc", false],
      ["ab[^b-d]", "abc", false],
      ["ab[^e-g]", "abc", true],
      ["a\\*b", "a*b", true],
      ["a\\*b", "ab", false],
      ["a?b", "a☺b", true],
      ["a[^a]b", "a☺b", true],
      ["a???b", "a☺b", false],
      ["a[^a][^a][^a]b", "a☺b", false],
      ["[a-ζ]*", "α", true],
      ["*[a-ζ]", "A", false],
      ["a?b", "a/b", false],
      ["a*b", "a/b", false],
      ["[\\]a]", "]", true],
      ["[\\-]", "-", true],
      ["[x\\-]", "x", true],
      ["[x\\-]", "-", true],
      ["[x\\-]", "z", false],
      ["[\\-x]", "x", true],
      ["*x", "xxx", true],
      ["busybox*", "busybox:latest", true],
      ["*box", "busybox", true],
      ["library/*", "busybox", false],
      ["me/*", "me/app", true],
    ];
    for (const [pattern, name, matched] of cases) expect(pathMatch(pattern, name), `${pattern} ~ ${name}`).toBe(matched);
  });

  it("answers a malformed pattern with Go's ErrBadPattern, a 400", () => {
    for (const [pattern, name] of [["[]a]", "]"], ["[-]", "-"], ["[x-]", "x"], ["[-x]", "x"], ["\\", "a"], ["[a-b-c]", "a"], ["[", "a"], ["[^", "a"], ["[^bc", "a"], ["a[", "a"], ["a[", "ab"], ["a[", "x"], ["a/b[", "x"], ["*x\\", "xxx"], ["[a-b-c]", "x"]]) {
      expect(() => pathMatch(pattern!, name!), pattern).toThrow(expect.objectContaining({ kind: "InvalidParameter", message: "syntax error in pattern" }));
    }
  });
});
