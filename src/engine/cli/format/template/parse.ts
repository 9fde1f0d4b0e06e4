import { DrydockError } from "../../../../shared/errors";
import { goQuote } from "../../../../shared/go-quote";
import { utf8Length } from "../go-values";
import { isKeyword, lex, type Item, type ItemType } from "./lex";
import { LiteralError, parseNumber, unquote } from "./literals";
import {
  nodeString,
  type ArgNode,
  type CommandNode,
  type ControlNode,
  type ListNode,
  type Node,
  type PipeNode,
  type TemplateNode,
} from "./nodes";

/** The templates of one text: "" for the text itself, and any {{define}}d or {{block}}ed. */
export type TreeSet = Map<string, ListNode>;

/**
 * Go's text/template parser. `hasFunction` says which identifiers are functions (Go checks at
 * parse time). Errors are Go's: `template: :LINE: message`, thrown as InvalidParameter.
 */
export function parse(text: string, hasFunction: (name: string) => boolean): TreeSet {
  const trees: TreeSet = new Map();
  const items = lex(text, !hasFunction("break"), !hasFunction("continue"));
  new Parser(items, hasFunction, trees).parseTop();
  return trees;
}

/** {{end}} and {{else}}: they close lists and never reach the tree. */
interface Delimiter {
  type: "end" | "else";
  pos: number;
}

const OPERAND_START: ItemType[] = ["bool", "charConstant", "dot", "field", "identifier", "number", "nil", "rawString", "string", "variable", "leftParen"];

class Parser {
  private at = 0;
  /** The furthest item read: Go reports errors on the line of its newest token. */
  private furthest = 0;
  private vars = ["$"];
  private rangeDepth = 0;
  private actionLine = 0;

  constructor(
    private readonly items: Item[],
    private readonly hasFunction: (name: string) => boolean,
    private readonly trees: TreeSet,
  ) {}

  parseTop(): void {
    const root: ListNode = { type: "list", pos: this.peek().pos, nodes: [] };
    while (this.peek().type !== "eof") {
      if (this.peek().type === "leftDelim") {
        const delim = this.at;
        this.next();
        if (this.nextNonSpace().type === "define") {
          this.inNewTree(() => this.parseDefinition());
          continue;
        }
        this.at = delim;
      }
      const n = this.textOrAction();
      if (n.type === "end" || n.type === "else") this.errorf(`unexpected {{${n.type}}}`);
      root.nodes.push(n as Node);
    }
    this.add("", root);
  }

  // {{define}} and {{block}} bodies are trees of their own: no variables or ranges carry in.
  private inNewTree<T>(parse: () => T): T {
    const saved = { vars: this.vars, rangeDepth: this.rangeDepth };
    this.vars = ["$"];
    this.rangeDepth = 0;
    try {
      return parse();
    } finally {
      Object.assign(this, saved);
    }
  }

  private parseDefinition(): void {
    const context = "define clause";
    const name = this.unquoted(this.expectOneOf("string", "rawString", context));
    this.expect("rightDelim", context);
    const [list, end] = this.itemList();
    if (end.type !== "end") this.errorf(`unexpected {{${end.type}}} in ${context}`);
    this.add(name, list);
  }

  private add(name: string, root: ListNode): void {
    const existing = this.trees.get(name);
    if (!existing || isEmptyTree(existing)) this.trees.set(name, root);
    else if (!isEmptyTree(root)) this.errorf(`template: multiple definition of template ${goQuote(name)}`);
  }

  // Items

  private next(): Item {
    const item = this.items[Math.min(this.at, this.items.length - 1)]!;
    this.at++;
    this.furthest = Math.max(this.furthest, this.at - 1);
    return item;
  }

  private backup(): void {
    this.at--;
  }

  private peek(): Item {
    const item = this.next();
    this.backup();
    return item;
  }

  private nextNonSpace(): Item {
    let item: Item;
    do item = this.next();
    while (item.type === "space");
    return item;
  }

  private peekNonSpace(): Item {
    const item = this.nextNonSpace();
    this.backup();
    return item;
  }

  private expect(type: ItemType, context: string): Item {
    const item = this.nextNonSpace();
    if (item.type !== type) this.unexpected(item, context);
    return item;
  }

  private expectOneOf(a: ItemType, b: ItemType, context: string): Item {
    const item = this.nextNonSpace();
    if (item.type !== a && item.type !== b) this.unexpected(item, context);
    return item;
  }

  // Errors

  private errorf(message: string): never {
    const line = this.items[Math.min(this.furthest, this.items.length - 1)]!.line;
    throw new DrydockError("InvalidParameter", `template: :${line}: ${message}`);
  }

  private unexpected(item: Item, context: string): never {
    if (item.type === "error") {
      let extra = "";
      if (this.actionLine !== 0 && this.actionLine !== item.line) {
        extra = ` in action started at :${this.actionLine}`;
        if (item.val.endsWith(" action")) extra = extra.slice(" in action".length);
      }
      this.errorf(item.val + extra);
    }
    this.errorf(`unexpected ${itemString(item)} in ${context}`);
  }

  private unquoted(item: Item): string {
    try {
      return unquote(item.val);
    } catch (error) {
      if (error instanceof LiteralError) this.errorf(error.message);
      throw error;
    }
  }

  // Grammar

  private itemList(): [ListNode, Delimiter] {
    const list: ListNode = { type: "list", pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().type !== "eof") {
      const n = this.textOrAction();
      if (n.type === "end" || n.type === "else") return [list, n as Delimiter];
      list.nodes.push(n as Node);
    }
    this.errorf("unexpected EOF");
  }

  private textOrAction(): Node | Delimiter {
    const item = this.nextNonSpace();
    switch (item.type) {
      case "text":
        return { type: "text", pos: item.pos, text: item.val };
      case "leftDelim": {
        this.actionLine = item.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      }
      default:
        this.unexpected(item, "input");
    }
  }

  private action(): Node | Delimiter {
    const item = this.nextNonSpace();
    switch (item.type) {
      case "block":
        return this.blockControl();
      case "break":
      case "continue":
        return this.branchControl(item);
      case "else":
        return this.elseControl();
      case "end":
        return { type: "end", pos: this.expect("rightDelim", "end").pos };
      case "if":
        return this.control("if");
      case "range":
        return this.control("range");
      case "template":
        return this.templateControl();
      case "with":
        return this.control("with");
    }
    this.backup();
    return { type: "action", pos: this.peek().pos, pipe: this.pipeline("command", "rightDelim") };
  }

  private branchControl(keyword: Item): Node {
    const type = keyword.type as "break" | "continue";
    const item = this.nextNonSpace();
    if (item.type !== "rightDelim") this.unexpected(item, `{{${type}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${type}}} outside {{range}}`);
    return { type, pos: keyword.pos };
  }

  private elseControl(): Delimiter {
    const peek = this.peekNonSpace();
    // "{{else if" and "{{else with": the keyword stays for the enclosing control to see.
    if (peek.type === "if" || peek.type === "with") return { type: "else", pos: peek.pos };
    return { type: "else", pos: this.expect("rightDelim", "else").pos };
  }

  private control(type: "if" | "range" | "with"): ControlNode {
    const savedVars = this.vars.length;
    const pipe = this.pipeline(type, "rightDelim");
    if (type === "range") this.rangeDepth++;
    const [list, next] = this.itemList();
    if (type === "range") this.rangeDepth--;
    let elseList: ListNode | undefined;
    if (next.type === "else") {
      const chained = this.peek().type;
      // {{else if}} (and Go 1.23's {{else with}}) nest a control that takes the one {{end}}.
      if (chained === type && type !== "range") {
        this.next();
        elseList = { type: "list", pos: next.pos, nodes: [this.control(type)] };
      } else {
        const [rest, end] = this.itemList();
        if (end.type !== "end") this.errorf(`expected end; found {{${end.type}}}`);
        elseList = rest;
      }
    }
    this.vars.length = savedVars;
    return { type, pos: pipe.pos, pipe, list, elseList };
  }

  private blockControl(): TemplateNode {
    const context = "block clause";
    const item = this.nextNonSpace();
    const name = this.templateName(item, context);
    const pipe = this.pipeline(context, "rightDelim");
    this.inNewTree(() => {
      const [list, end] = this.itemList();
      if (end.type !== "end") this.errorf(`unexpected {{${end.type}}} in ${context}`);
      this.add(name, list);
    });
    return { type: "template", pos: item.pos, name, pipe };
  }

  private templateControl(): TemplateNode {
    const context = "template clause";
    const item = this.nextNonSpace();
    const name = this.templateName(item, context);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().type !== "rightDelim") {
      this.backup();
      pipe = this.pipeline(context, "rightDelim");
    }
    return { type: "template", pos: item.pos, name, pipe };
  }

  private templateName(item: Item, context: string): string {
    if (item.type !== "string" && item.type !== "rawString") this.unexpected(item, context);
    return this.unquoted(item);
  }

  private pipeline(context: string, end: "rightDelim" | "rightParen"): PipeNode {
    const pipe: PipeNode = { type: "pipe", pos: this.peekNonSpace().pos, isAssign: false, decl: [], cmds: [] };
    this.declarations(pipe, context);
    for (;;) {
      const item = this.nextNonSpace();
      if (item.type === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      if (!OPERAND_START.includes(item.type)) this.unexpected(item, context);
      this.backup();
      pipe.cmds.push(this.command());
    }
  }

  // `$x :=`, `$x =`, and range's `$i, $v :=`; a variable followed by anything else is an operand.
  private declarations(pipe: PipeNode, context: string): void {
    for (;;) {
      const v = this.peekNonSpace();
      if (v.type !== "variable") return;
      const start = this.at;
      this.next();
      const next = this.peekNonSpace();
      if (next.type === "assign" || next.type === "declare") {
        pipe.isAssign = next.type === "assign";
        this.nextNonSpace();
        this.declare(pipe, v);
        return;
      }
      if (next.type === "char" && next.val === ",") {
        this.nextNonSpace();
        this.declare(pipe, v);
        if (context === "range" && pipe.decl.length < 2) {
          const after = this.peekNonSpace().type;
          if (after === "variable" || after === "rightDelim" || after === "rightParen") continue;
          this.errorf("range can only initialize variables");
        }
        this.errorf(`too many declarations in ${context}`);
      }
      this.at = start;
      return;
    }
  }

  private declare(pipe: PipeNode, v: Item): void {
    pipe.decl.push({ type: "variable", pos: v.pos, idents: [v.val] });
    this.vars.push(v.val);
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((cmd, i) => {
      if (["bool", "dot", "nil", "number", "string"].includes(cmd.args[0]!.type)) this.errorf(`non executable command in pipeline stage ${i + 2}`);
    });
  }

  private command(): CommandNode {
    const cmd: CommandNode = { type: "command", pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const item = this.next();
      if (item.type === "space") continue;
      if (item.type === "rightDelim" || item.type === "rightParen") this.backup();
      else if (item.type !== "pipe") this.unexpected(item, "operand");
      break;
    }
    if (cmd.args.length === 0) this.errorf("empty command");
    return cmd;
  }

  private operand(): ArgNode | undefined {
    const node = this.term();
    if (!node || this.peek().type !== "field") return node;
    const pos = this.peek().pos;
    const fields: string[] = [];
    while (this.peek().type === "field") fields.push(this.next().val.slice(1));
    switch (node.type) {
      case "field":
        return { type: "field", pos, idents: [...node.idents, ...fields] };
      case "variable":
        return { type: "variable", pos, idents: [...node.idents, ...fields] };
      case "bool":
      case "string":
      case "number":
      case "nil":
      case "dot":
        this.errorf(`unexpected . after term ${goQuote(nodeString(node))}`);
      default:
        return { type: "chain", pos, node, fields };
    }
  }

  private term(): ArgNode | undefined {
    const item = this.nextNonSpace();
    switch (item.type) {
      case "identifier":
        if (!this.hasFunction(item.val)) this.errorf(`function ${goQuote(item.val)} not defined`);
        return { type: "identifier", pos: item.pos, name: item.val };
      case "dot":
        return { type: "dot", pos: item.pos };
      case "nil":
        return { type: "nil", pos: item.pos };
      case "variable":
        if (!this.vars.includes(item.val)) this.errorf(`undefined variable ${goQuote(item.val)}`);
        return { type: "variable", pos: item.pos, idents: [item.val] };
      case "field":
        return { type: "field", pos: item.pos, idents: [item.val.slice(1)] };
      case "bool":
        return { type: "bool", pos: item.pos, value: item.val === "true" };
      case "charConstant":
      case "number":
        try {
          const literal = parseNumber(item.val, item.type === "charConstant");
          return { type: "number", pos: item.pos, text: item.val, ...literal };
        } catch (error) {
          if (error instanceof LiteralError) this.errorf(error.message);
          throw error;
        }
      case "leftParen":
        return this.pipeline("parenthesized pipeline", "rightParen");
      case "string":
      case "rawString":
        return { type: "string", pos: item.pos, quoted: item.val, text: this.unquoted(item) };
    }
    this.backup();
    return undefined;
  }
}

/** Go's item String(): "EOF", `<keyword>`, a quoted value (cut at ten characters). */
function itemString(item: Item): string {
  if (item.type === "eof") return "EOF";
  if (isKeyword(item.type)) return `<${item.val}>`;
  if (utf8Length(item.val) > 10) return `${goQuote([...item.val].slice(0, 10).join(""))}...`;
  return goQuote(item.val);
}

// Go lets a template with nothing but space (and comments) be redefined.
function isEmptyTree(list: ListNode): boolean {
  return list.nodes.every((n) => n.type === "text" && n.text.trim() === "");
}
