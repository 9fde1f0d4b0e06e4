// BuildKit's dump of a parse tree (Node.Dump), which its parser vectors are written in: one
// `(keyword ["--flag"] "arg" ...)` per instruction, the keyword lowercased, every string Go-quoted.
import { goQuote } from "../../../shared/go-quote";
import type { InstructionLine } from "./parse-nodes";

export function dumpNodes(nodes: InstructionLine[]): string {
  return nodes.map((node) => `(${dumpNode(node)})`).join("\n");
}

function dumpNode(node: InstructionLine): string {
  let out = node.keyword.toLowerCase();
  if (node.flags.length > 0) out += ` [${node.flags.map((flag) => goQuote(flag)).join(" ")}]`;
  for (const arg of node.args) out += " " + goQuote(arg);
  if (node.trigger) out += ` (${dumpNode(node.trigger)})`;
  return out;
}
