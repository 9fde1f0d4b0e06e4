import { DrydockError } from "../../../../shared/errors";
import { formatValue } from "../go-fmt";
import { goQuote } from "../../../../shared/go-quote";
import { goKind, goTypeName, isTrue, lookupField, mapEntries, utf8Length } from "../go-values";
import type { CallFunc, GoFunc, ParamType } from "./funcs";
import type { ArgNode, ChainNode, CommandNode, ControlNode, FieldNode, IdentifierNode, Node, NumberNode, PipeNode, TemplateNode, VariableNode } from "./nodes";
import { nodeString } from "./nodes";
import type { TreeSet } from "./parse";

/** What one execution needs from its template. */
export interface Program {
  text: string;
  trees: TreeSet;
  lookup(name: string): GoFunc | undefined;
  /** Go's Option("missingkey=error"): a missing map key is an error, not "<no value>". */
  missingKeyError: boolean;
}

/** Go's text/template execution of the template `name` on `data`. */
export function execute(program: Program, name: string, data: unknown): string {
  const state = new State(program, name, [{ name: "$", value: data }], 0);
  state.walk(data, program.trees.get(name)!);
  return state.out.join("");
}

// Go caps the depth of {{template}} calls (at 1000 where the stack is small, as here).
const MAX_DEPTH = 1000;

/** Marks the final argument that a pipeline's previous command may pass on (none yet). */
const MISSING: unique symbol = Symbol("missing");

class BreakSignal {}
class ContinueSignal {}

interface Variable {
  name: string;
  value: unknown;
}

class State {
  /** The node being evaluated, which errors point at. */
  private node: Node | undefined;

  constructor(
    private readonly program: Program,
    private readonly name: string,
    private readonly vars: Variable[],
    private readonly depth: number,
    readonly out: string[] = [],
  ) {}

  private at(node: Node): void {
    this.node = node;
  }

  private errorf(message: string): never {
    const node = this.node!;
    const before = this.program.text.slice(0, node.pos);
    const lineStart = before.lastIndexOf("\n") + 1;
    const line = before.split("\n").length;
    const column = utf8Length(before.slice(lineStart));
    throw new DrydockError("InvalidParameter", `template: :${line}:${column}: executing ${goQuote(this.name)} at <${nodeString(node)}>: ${message}`);
  }

  // Variables

  private mark(): number {
    return this.vars.length;
  }

  private pop(mark: number): void {
    this.vars.length = mark;
  }

  private setVar(name: string, value: unknown): void {
    this.findVar(name).value = value;
  }

  private setTopVar(n: number, value: unknown): void {
    this.vars[this.vars.length - n]!.value = value;
  }

  private findVar(name: string): Variable {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]!.name === name) return this.vars[i]!;
    this.errorf(`undefined variable: ${name}`);
  }

  // Walking the tree

  walk(dot: unknown, node: Node): void {
    this.at(node);
    switch (node.type) {
      case "action": {
        const value = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, value);
        return;
      }
      case "break":
        throw new BreakSignal();
      case "continue":
        throw new ContinueSignal();
      case "if":
      case "with":
        return this.walkIfOrWith(dot, node);
      case "list":
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case "range":
        return this.walkRange(dot, node);
      case "template":
        return this.walkTemplate(dot, node);
      case "text":
        this.out.push(node.text);
        return;
      default:
        this.errorf(`unknown node: ${nodeString(node)}`);
    }
  }

  private walkIfOrWith(dot: unknown, node: ControlNode): void {
    const mark = this.mark();
    const value = this.evalPipeline(dot, node.pipe);
    if (isTrue(value)) this.walk(node.type === "with" ? value : dot, node.list);
    else if (node.elseList) this.walk(dot, node.elseList);
    this.pop(mark);
  }

  private walkRange(dot: unknown, node: ControlNode): void {
    this.at(node);
    const outer = this.mark();
    const value = this.evalPipeline(dot, node.pipe);
    const mark = this.mark();
    const decl = node.pipe.decl;
    const iteration = (key: unknown, elem: unknown) => {
      if (decl.length > 0) {
        if (!node.pipe.isAssign) this.setTopVar(1, elem);
        else this.setVar(decl[0]!.idents[0]!, decl.length > 1 ? key : elem);
      }
      if (decl.length > 1) {
        if (!node.pipe.isAssign) this.setTopVar(2, key);
        else this.setVar(decl[1]!.idents[0]!, elem);
      }
      try {
        this.walk(elem, node.list);
      } catch (signal) {
        if (!(signal instanceof ContinueSignal)) throw signal;
      } finally {
        this.pop(mark);
      }
    };
    let ran: boolean;
    try {
      ran = this.iterate(value, decl.length, iteration);
    } catch (signal) {
      if (!(signal instanceof BreakSignal)) throw signal;
      ran = true;
    }
    // The range's variables are still in scope in its {{else}}.
    if (!ran && node.elseList) this.walk(dot, node.elseList);
    this.pop(outer);
  }

  /** Calls `iteration` for each element; false when there was none. */
  private iterate(value: unknown, variables: number, iteration: (key: unknown, elem: unknown) => void): boolean {
    switch (goKind(value)) {
      case "slice":
        (value as unknown[]).forEach((elem, i) => iteration(i, elem));
        return (value as unknown[]).length > 0;
      case "map": {
        const entries = mapEntries(value as object);
        for (const [key, elem] of entries) iteration(key, elem);
        return entries.length > 0;
      }
      case "int": {
        // Go 1.24 ranges over an integer n: 0 to n-1.
        if (variables > 1) this.errorf(`can't use ${formatValue(value)} to iterate over more than one variable`);
        const n = Number(value);
        for (let i = 0; i < n; i++) iteration(undefined, i);
        return n > 0;
      }
      case "nil":
        return false;
      default:
        this.errorf(`range can't iterate over ${formatValue(value)}`);
    }
  }

  private walkTemplate(dot: unknown, node: TemplateNode): void {
    this.at(node);
    const tree = this.program.trees.get(node.name);
    if (!tree) this.errorf(`template ${goQuote(node.name)} not defined`);
    if (this.depth === MAX_DEPTH) this.errorf(`exceeded maximum template depth (${MAX_DEPTH})`);
    const value = this.evalPipeline(dot, node.pipe);
    const state = new State(this.program, node.name, [{ name: "$", value }], this.depth + 1, this.out);
    state.walk(value, tree);
  }

  private printValue(node: Node, value: unknown): void {
    this.at(node);
    if (value === undefined) this.out.push("<no value>");
    else if (typeof value === "function") this.errorf(`can't print ${nodeString(node)} of type ${goTypeName(value)}`);
    else this.out.push(formatValue(value));
  }

  // Evaluating pipelines

  private evalPipeline(dot: unknown, pipe: PipeNode | undefined): unknown {
    if (!pipe) return undefined;
    this.at(pipe);
    let value: unknown = MISSING;
    for (const cmd of pipe.cmds) value = this.evalCommand(dot, cmd, value);
    for (const v of pipe.decl) {
      if (pipe.isAssign) this.setVar(v.idents[0]!, value);
      else this.vars.push({ name: v.idents[0]!, value });
    }
    return value;
  }

  private notAFunction(args: ArgNode[], final: unknown): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args[0]!)}`);
  }

  private evalCommand(dot: unknown, cmd: CommandNode, final: unknown): unknown {
    const first = cmd.args[0]!;
    switch (first.type) {
      case "field":
        return this.evalFieldNode(dot, first, cmd.args, final);
      case "chain":
        return this.evalChainNode(dot, first, cmd.args, final);
      case "identifier":
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case "pipe":
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case "variable":
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case "bool":
        return first.value;
      case "dot":
        return dot;
      case "nil":
        this.errorf("nil is not a command");
      case "number":
        return this.idealConstant(first);
      case "string":
        return first.text;
    }
  }

  private idealConstant(node: NumberNode): number {
    this.at(node);
    if (node.uintOnly) this.errorf(`${node.text} overflows int`);
    return node.value;
  }

  private evalFieldNode(dot: unknown, field: FieldNode, args: ArgNode[], final: unknown): unknown {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.idents, args, final);
  }

  private evalChainNode(dot: unknown, chain: ChainNode, args: ArgNode[] | undefined, final: unknown): unknown {
    this.at(chain);
    if (chain.node.type === "nil") this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const receiver = this.evalArg(dot, "value", chain.node);
    return this.evalFieldChain(dot, receiver, chain, chain.fields, args, final);
  }

  private evalVariableNode(dot: unknown, variable: VariableNode, args: ArgNode[] | undefined, final: unknown): unknown {
    this.at(variable);
    const value = this.findVar(variable.idents[0]!).value;
    if (variable.idents.length === 1) {
      this.notAFunction(args ?? [variable], final);
      return value;
    }
    return this.evalFieldChain(dot, value, variable, variable.idents.slice(1), args, final);
  }

  private evalFieldChain(dot: unknown, receiver: unknown, node: Node, idents: string[], args: ArgNode[] | undefined, final: unknown): unknown {
    // A value read from a map has the map's element type, interface{}, as far as Go's
    // messages go; anything else is named by what it holds.
    let typeName = goTypeName(receiver);
    const last = idents.length - 1;
    for (let i = 0; i < last; i++) {
      const fromMap = goKind(receiver) === "map";
      receiver = this.evalField(dot, idents[i]!, node, undefined, MISSING, receiver, typeName);
      typeName = fromMap ? "interface {}" : goTypeName(receiver);
    }
    return this.evalField(dot, idents[last]!, node, args, final, receiver, typeName);
  }

  private evalFunction(dot: unknown, node: IdentifierNode, cmd: Node, args: ArgNode[] | undefined, final: unknown): unknown {
    this.at(node);
    const fn = this.program.lookup(node.name);
    if (!fn) this.errorf(`${goQuote(node.name)} is not a defined function`);
    return this.evalCall(dot, fn, cmd, node.name, args, final);
  }

  // A field of a map or struct, or a method (any function-valued property) called with args.
  private evalField(dot: unknown, name: string, node: Node, args: ArgNode[] | undefined, final: unknown, receiver: unknown, typeName: string): unknown {
    if (receiver === undefined) {
      if (this.program.missingKeyError) this.errorf(`nil data; no entry for key ${goQuote(name)}`);
      return undefined;
    }
    if (receiver === null) this.errorf(`nil pointer evaluating interface {}.${name}`);
    const kind = goKind(receiver);
    if (kind === "map" || kind === "struct") {
      const field = lookupField(receiver as object, name);
      if (typeof field.value === "function") {
        const method = field.value as (...args: unknown[]) => unknown;
        const fn: CallFunc = { params: Array<ParamType>(method.length).fill("any"), call: (...a) => method.apply(receiver, a) };
        return this.evalCall(dot, fn, node, name, args, final);
      }
      const hasArgs = (args !== undefined && args.length > 1) || final !== MISSING;
      if (kind === "map") {
        if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
        if (!field.found && this.program.missingKeyError) this.errorf(`map has no entry for key ${goQuote(name)}`);
        return field.value;
      }
      if (field.found) {
        if (hasArgs) this.errorf(`${name} has arguments but cannot be invoked as function`);
        return field.value;
      }
    }
    this.errorf(`can't evaluate field ${name} in type ${typeName}`);
  }

  private evalCall(dot: unknown, fn: GoFunc, node: Node, name: string, args: ArgNode[] | undefined, final: unknown): unknown {
    const given = args ? args.slice(1) : [];
    const numIn = given.length + (final !== MISSING ? 1 : 0);
    const fixed = fn.params.length;
    if (fn.variadic !== undefined) {
      if (numIn < fixed) this.errorf(`wrong number of args for ${name}: want at least ${fixed} got ${given.length}`);
    } else if (numIn !== fixed) {
      this.errorf(`wrong number of args for ${name}: want ${fixed} got ${numIn}`);
    }
    if ("stopsOn" in fn) {
      let value: unknown;
      for (const arg of given) {
        value = this.evalArg(dot, "value", arg);
        if (isTrue(value) === fn.stopsOn) return value;
      }
      return final !== MISSING ? final : value;
    }
    const typeAt = (i: number) => (i < fixed ? fn.params[i]! : fn.variadic!);
    const argv = given.map((arg, i) => this.evalArg(dot, typeAt(i), arg));
    if (final !== MISSING) argv.push(this.validateType(final, typeAt(numIn - 1)));
    try {
      return fn.call(...argv);
    } catch (error) {
      this.at(node);
      this.errorf(`error calling ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private evalArg(dot: unknown, type: ParamType, node: ArgNode): unknown {
    this.at(node);
    switch (node.type) {
      case "dot":
        return this.validateType(dot, type);
      case "nil":
        if (type === "value") return undefined;
        if (type === "any") return null;
        this.errorf(`cannot assign nil to ${type}`);
      case "field":
        return this.validateType(this.evalFieldNode(dot, node, [node], MISSING), type);
      case "variable":
        return this.validateType(this.evalVariableNode(dot, node, undefined, MISSING), type);
      case "pipe":
        return this.validateType(this.evalPipeline(dot, node), type);
      case "identifier":
        return this.validateType(this.evalFunction(dot, node, node, undefined, MISSING), type);
      case "chain":
        return this.validateType(this.evalChainNode(dot, node, undefined, MISSING), type);
    }
    switch (type) {
      case "string":
        if (node.type !== "string") this.errorf(`expected string; found ${nodeString(node)}`);
        return node.text;
      case "int":
        if (node.type !== "number" || !node.isInt) this.errorf(`expected integer; found ${nodeString(node)}`);
        return node.value;
      default:
        return node.type === "number" ? this.idealConstant(node) : node.type === "bool" ? node.value : node.text;
    }
  }

  private validateType(value: unknown, type: ParamType): unknown {
    switch (type) {
      case "value":
        return value;
      case "any":
        return value === undefined ? null : value;
      default: {
        if (value === undefined || value === null) this.errorf(`invalid value; expected ${type}`);
        const ok = type === "string" ? typeof value === "string" : goKind(value) === "int";
        if (!ok) this.errorf(`wrong type for value; expected ${type}; got ${goTypeName(value)}`);
        return value;
      }
    }
  }
}
