// BuildKit's shell-word vectors (frontend/dockerfile/shell/envVarTest and wordsTest), read as its
// own tests read them: see ../shared/specs/README.md, "How the upstream tests read the vectors".
// Drydock's builds run Linux containers, so the Windows-only (W) lines are skipped.
import { describe, expect, it } from "vitest";
import { expandWord, expandWords, type EnvLookup } from "../../src/engine/builder/dockerfile/shell";
import { DrydockError } from "../../src/shared/errors";
import { DOCKERFILE_SPECS, SPECS_TITLE, specFile } from "./dockerfile-specs";

/** `k=v` lines to a lookup (a later line wins), as BuildKit's EnvsFromSlice reads them. */
function environment(lines: string[]): EnvLookup {
  const values = new Map<string, string>();
  for (const line of lines) {
    const at = line.indexOf("=");
    if (at < 0) values.set(line, "");
    else values.set(line.slice(0, at), line.slice(at + 1));
  }
  return (name) => values.get(name);
}

/** The vector's lines with their 1-based numbers, comment lines left out. */
function vectorLines(file: string): { line: string; number: number }[] {
  return specFile("shell", file)
    .split("\n")
    .map((line, index) => ({ line, number: index + 1 }))
    .filter(({ line }) => !line.startsWith("#"));
}

describe.skipIf(!DOCKERFILE_SPECS)(`BuildKit's shell vectors in ${SPECS_TITLE}`, () => {
  const envVarCases = DOCKERFILE_SPECS ? vectorLines("envVarTest").filter(({ line }) => line.trim() !== "") : [];
  const wordsLines = DOCKERFILE_SPECS ? vectorLines("wordsTest") : [];

  it("finds the vectors", () => {
    expect(envVarCases.length).toBeGreaterThan(200);
    expect(wordsLines.length).toBeGreaterThan(20);
  });

  describe("envVarTest: PLATFORM|input|expected, one word expanded", () => {
    const env = environment(["PWD=/home", "SHELL=bash", "KOREAN=한국어", "NULL="]);
    for (const { line, number } of envVarCases) {
      const [platform, input, expected] = line.trim().split("|").map((field) => field.trim());
      it.skipIf(platform === "W")(`line ${number} (${platform}): ${input}`, () => {
        if (expected === "error") expect(() => expandWord(input!, env)).toThrow(DrydockError);
        else expect(expandWord(input!, env)).toBe(expected);
      });
    }
  });

  describe("wordsTest: input|expected words joined with commas; ENV lines set variables for the lines after", () => {
    const settings: string[] = [];
    for (const { line, number } of wordsLines) {
      if (line.startsWith("ENV ")) {
        settings.push(line.slice(3).replace(/^ +/, ""));
        continue;
      }
      if (line === "") continue; // the end of the file
      const [input, expected] = line.split("|") as [string, string];
      const env = environment([...settings]);
      it(`line ${number}: ${input.trim()}`, () => {
        const words = (() => {
          try {
            return expandWords(input.trim(), env);
          } catch (error) {
            if (error instanceof DrydockError) return ["error"];
            throw error;
          }
        })();
        expect(words).toEqual(expected.replace(/^ +/, "").split(","));
      });
    }
  });
});
