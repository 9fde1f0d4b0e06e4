// BuildKit's parser vectors (frontend/dockerfile/parser/testfiles*, testfile-line), read as its
// own tests read them: see ../shared/specs/README.md, "How the upstream tests read the vectors".
import { describe, expect, it } from "vitest";
import { dumpNodes } from "../../src/engine/builder/dockerfile/dump";
import { parseDockerfile } from "../../src/engine/builder/dockerfile/parse";
import { parseNodes } from "../../src/engine/builder/dockerfile/parse-nodes";
import { DrydockError } from "../../src/shared/errors";
import { DOCKERFILE_SPECS, SPECS_TITLE, specCases, specFile } from "./dockerfile-specs";

describe.skipIf(!DOCKERFILE_SPECS)(`BuildKit's parser vectors in ${SPECS_TITLE}`, () => {
  it("finds the 33 positive and 4 negative cases", () => {
    expect([specCases("testfiles").length, specCases("testfiles-negative").length]).toEqual([33, 4]);
  });

  describe("testfiles: the dump of the parse is `result`", () => {
    for (const name of specCases("testfiles")) {
      it(name, () => {
        const tree = parseNodes(specFile("testfiles", name, "Dockerfile"));
        expect(dumpNodes(tree.nodes) + "\n").toBe(specFile("testfiles", name, "result"));
      });
    }
  });

  describe("testfiles, typed: each parses to stages, but those BuildKit's instructions refuse too", () => {
    const noStage = "no build stage in current context";
    const refused: Record<string, string> = {
      flags: "dockerfile parse error on line 3: unknown flag: --user",
      health: "dockerfile parse error on line 4: HEALTHCHECK requires at least one argument",
      json: noStage,
      "jeztah-invalid-json-json-inside-string": noStage,
      "jeztah-invalid-json-json-inside-string-double": noStage,
      "jeztah-invalid-json-single-quotes": noStage,
      "jeztah-invalid-json-unterminated-bracket": noStage,
      "jeztah-invalid-json-unterminated-string": noStage,
    };
    for (const name of specCases("testfiles")) {
      it(name, () => {
        const parse = () => parseDockerfile(specFile("testfiles", name, "Dockerfile"));
        if (refused[name]) expect(parse).toThrow(refused[name]);
        else expect(parse().stages.length).toBeGreaterThan(0);
      });
    }
  });

  describe("testfiles-negative: the parse fails", () => {
    for (const name of specCases("testfiles-negative")) {
      it(name, () => {
        expect(() => parseNodes(specFile("testfiles-negative", name, "Dockerfile"))).toThrow(DrydockError);
      });
    }
  });

  it("testfile-line: the instructions span lines 5-5, 11-12 and 17-31 (the file, 5-31)", () => {
    const { nodes } = parseNodes(specFile("testfile-line", "Dockerfile"));
    expect(nodes.map((node) => [node.startLine, node.endLine])).toEqual([
      [5, 5],
      [11, 12],
      [17, 31],
    ]);
  });
});
