// A Dockerfile's text to its stages of typed instructions, failing as Docker's classic builder
// fails, in its words: a file that does not parse says "failed to parse Dockerfile: ...", an
// instruction that does not check says "dockerfile parse error on line N: ...".
import { DrydockError } from "../../../shared/errors";
import type { Dockerfile, Stage } from "./instructions";
import { parseInstruction } from "./parse-instruction";
import { parseNodes } from "./parse-nodes";

/** `name` is the Dockerfile's path in the build context, as `docker build -f` gave it. */
export function parseDockerfile(text: string, name = "Dockerfile"): Dockerfile {
  if (text === "") throw new DrydockError("InvalidParameter", `the Dockerfile (${name}) cannot be empty`);
  const tree = withPrefix(`failed to parse ${name}: `, () => parseNodes(text));
  const metaArgs: Dockerfile["metaArgs"] = [];
  const stages: Stage[] = [];
  for (const node of tree.nodes) {
    const instruction = withPrefix(`dockerfile parse error on line ${node.startLine}: `, () => parseInstruction(node));
    const stage = stages.at(-1);
    if (instruction.kind === "FROM") stages.push({ from: instruction, instructions: [] });
    else if (stage) stage.instructions.push(instruction);
    else if (instruction.kind === "ARG") metaArgs.push(instruction);
    else throw new DrydockError("InvalidParameter", "no build stage in current context");
  }
  return { escape: tree.escape, metaArgs, stages };
}

function withPrefix<T>(prefix: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof DrydockError)) throw error;
    throw new DrydockError(error.kind, prefix + error.message);
  }
}
