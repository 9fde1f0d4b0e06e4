// The rows of a running step's output BuildKit shows under it: what a small vt100 keeps.
import { describe, expect, it } from "vitest";
import { screenRows } from "./term-screen";

const rows = (text: string, width = 10, height = 4) => screenRows(text, width, height).map((row) => row.trimEnd());

describe("a step's output as a small terminal shows it", () => {
  it("keeps the last rows, a final newline leaving the cursor's row empty", () => {
    expect(rows("a\nb\n")).toEqual(["a", "b", "", ""]);
    expect(rows("1\n2\n3\n4\n5\n6")).toEqual(["3", "4", "5", "6"]);
    expect(rows("1\n2\n3\n4\n5\n6\n")).toEqual(["4", "5", "6", ""]);
    expect(screenRows("ab", 4, 2)).toEqual(["ab  ", "    "]);
  });

  it("wraps long lines at the width, and a carriage return overwrites the row from its start", () => {
    expect(rows("0123456789abc")).toEqual(["0123456789", "abc", "", ""]);
    expect(rows("50%\r99%\n")).toEqual(["99%", "", "", ""]);
    // The return is to the start of the row the cursor is on, not of a line that wrapped.
    expect(rows("progress 10%\rprogress 99%\n")).toEqual(["progress 1", "progress 9", "9%", ""]);
    expect(rows("download\rok")).toEqual(["okwnload", "", "", ""]);
    expect(rows("abc\bX")).toEqual(["abX", "", "", ""]);
  });

  it("draws nothing for escape sequences and other control characters, tabs included", () => {
    expect(rows("\x1b[1;32mgreen\x1b[0m \x1b]0;title\x07t\tab\x1b(B!")).toEqual(["green tab!", "", "", ""]);
    expect(rows("\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\\x07")).toEqual(["link", "", "", ""]);
  });

  it("counts a character beyond the basic plane as one column", () => {
    expect(rows("😀".repeat(12))).toEqual(["😀".repeat(10), "😀😀", "", ""]);
  });
});
