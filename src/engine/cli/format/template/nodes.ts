import { goQuote } from "../../../../shared/go-quote";

/**
 * The parse tree of Go's text/template. `pos` is where the node starts in the template text;
 * `nodeString` writes a node back the way Go's String() does, for "executing ... at <...>".
 */
export type Node =
  | ListNode
  | TextNode
  | ActionNode
  | ControlNode
  | BranchNode
  | TemplateNode
  | PipeNode
  | CommandNode
  | ArgNode;

/** What a command is made of. */
export type ArgNode = IdentifierNode | VariableNode | DotNode | NilNode | FieldNode | ChainNode | BoolNode | NumberNode | StringNode | PipeNode;

export interface ListNode {
  type: "list";
  pos: number;
  nodes: Node[];
}

export interface TextNode {
  type: "text";
  pos: number;
  text: string;
}

export interface ActionNode {
  type: "action";
  pos: number;
  pipe: PipeNode;
}

/** {{if}}, {{range}} and {{with}}. */
export interface ControlNode {
  type: "if" | "range" | "with";
  pos: number;
  pipe: PipeNode;
  list: ListNode;
  elseList?: ListNode;
}

/** {{break}} and {{continue}}. */
export interface BranchNode {
  type: "break" | "continue";
  pos: number;
}

export interface TemplateNode {
  type: "template";
  pos: number;
  name: string;
  pipe?: PipeNode;
}

export interface PipeNode {
  type: "pipe";
  pos: number;
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}

export interface CommandNode {
  type: "command";
  pos: number;
  args: ArgNode[];
}

export interface IdentifierNode {
  type: "identifier";
  pos: number;
  name: string;
}

/** `$x.A.B`: idents ["$x", "A", "B"]. */
export interface VariableNode {
  type: "variable";
  pos: number;
  idents: string[];
}

export interface DotNode {
  type: "dot";
  pos: number;
}

export interface NilNode {
  type: "nil";
  pos: number;
}

/** `.A.B`: idents ["A", "B"]. */
export interface FieldNode {
  type: "field";
  pos: number;
  idents: string[];
}

/** A term followed by fields: `(pipeline).A.B`. */
export interface ChainNode {
  type: "chain";
  pos: number;
  node: ArgNode;
  fields: string[];
}

export interface BoolNode {
  type: "bool";
  pos: number;
  value: boolean;
}

export interface NumberNode {
  type: "number";
  pos: number;
  text: string;
  value: number;
  /** Written as an integer (or a character): Go's IsInt. */
  isInt: boolean;
  /** Past int64 (but within uint64): Go's IsUint alone, an error where an int is wanted. */
  uintOnly: boolean;
}

export interface StringNode {
  type: "string";
  pos: number;
  /** As written, quotes included. */
  quoted: string;
  text: string;
}

export function nodeString(node: Node): string {
  switch (node.type) {
    case "list":
      return node.nodes.map(nodeString).join("");
    case "text":
      return node.text;
    case "action":
      return `{{${nodeString(node.pipe)}}}`;
    case "if":
    case "range":
    case "with": {
      const elseList = node.elseList ? `{{else}}${nodeString(node.elseList)}` : "";
      return `{{${node.type} ${nodeString(node.pipe)}}}${nodeString(node.list)}${elseList}{{end}}`;
    }
    case "break":
    case "continue":
      return `{{${node.type}}}`;
    case "template":
      return `{{template ${goQuote(node.name)}${node.pipe ? " " + nodeString(node.pipe) : ""}}}`;
    case "pipe": {
      const decl = node.decl.length > 0 ? `${node.decl.map(nodeString).join(", ")} := ` : "";
      return decl + node.cmds.map(nodeString).join(" | ");
    }
    case "command":
      return node.args.map((arg) => (arg.type === "pipe" ? `(${nodeString(arg)})` : nodeString(arg))).join(" ");
    case "identifier":
      return node.name;
    case "variable":
      return node.idents.join(".");
    case "dot":
      return ".";
    case "nil":
      return "nil";
    case "field":
      return node.idents.map((id) => "." + id).join("");
    case "chain":
      return (node.node.type === "pipe" ? `(${nodeString(node.node)})` : nodeString(node.node)) + node.fields.map((f) => "." + f).join("");
    case "bool":
      return String(node.value);
    case "number":
      return node.text;
    case "string":
      return node.quoted;
  }
}
