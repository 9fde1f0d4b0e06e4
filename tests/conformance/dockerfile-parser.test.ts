// BuildKit's parser vectors (frontend/dockerfile/parser/testfiles*, testfile-line), read as its
// own tests read them: see ../shared/specs/README.md, "How the upstream tests read the vectors".
import { describe, expect, it } from "vitest";
import { dumpNodes } from "../../src/engine/builder/dockerfile/dump";
import { parseNodes } from "../../src/engine/builder/dockerfile/parse-nodes";
import { DrydockError } from "../../src/shared/errors";
import { DOCKERFILE_SPECS, SPECS_TITLE, specCases, specFile } from "./dockerfile-specs";

describe.skipIf(!DOCKERFILE_SPECS)(`BuildKit's parser vectors in ${SPECS_TITLE}`, () => {
  describe("testfiles: the dump of the parse is `result`", () => {
    for (const name of specCases("testfiles")) {
      it(name, () => {
        const tree = parseNodes(specFile("testfiles", name, "Dockerfile"));
        expect(dumpNodes(tree.nodes) + "\n").toBe(specFile("testfiles", name, "result"));
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

  it("testfile-line: the instructions span lines 5-5, 11-12 and 17-31", () => {
    const { nodes } = parseNodes(specFile("testfile-line", "Dockerfile"));
    expect(nodes.map((node) => [node.startLine, node.endLine])).toEqual([
      [5, 5],
      [11, 12],
      [17, 31],
    ]);
  });
});
