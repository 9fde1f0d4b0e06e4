/**
 * Enough YAML to read the Engine API's swagger: block mappings and sequences, with scalars as
 * strings. Block scalars (descriptions) and flow collections (examples) are kept as raw text,
 * which is all a conformance test needs of them.
 */
export type Yaml = string | Yaml[] | { [key: string]: Yaml };

/** A mapping entry's start: a plain or quoted key, a colon, then a space or the end of the line. */
const ENTRY = /^("[^"]*"|'[^']*'|[^\s"'[{#-][^:]*):( |$)/;

interface Line {
  indent: number;
  text: string;
}

export function parseYaml(source: string): Yaml {
  const lines = source.split("\n").map((raw) => ({ indent: raw.length - raw.trimStart().length, text: raw.trim() }));
  const reader = new Reader(lines);
  return reader.block(reader.peek()?.indent ?? 0);
}

class Reader {
  private i = 0;

  constructor(private readonly lines: Line[]) {}

  /** The next line that is not blank or a comment. */
  peek(): Line | undefined {
    while (this.i < this.lines.length && (this.lines[this.i]!.text === "" || this.lines[this.i]!.text.startsWith("#"))) this.i++;
    return this.lines[this.i];
  }

  block(indent: number): Yaml {
    return this.peek()?.text.startsWith("-") ? this.sequence(indent) : this.mapping(indent);
  }

  private sequence(indent: number): Yaml[] {
    const items: Yaml[] = [];
    for (let line = this.peek(); line && line.indent === indent && line.text.startsWith("-"); line = this.peek()) {
      const rest = line.text.slice(1).trimStart();
      if (rest === "") {
        this.i++;
        items.push(this.block(this.peek()!.indent));
      } else if (ENTRY.test(rest)) {
        // "- key: value" starts a mapping indented where its key is.
        this.lines[this.i] = { indent: indent + line.text.indexOf(rest), text: rest };
        items.push(this.mapping(this.lines[this.i]!.indent));
      } else {
        items.push(this.scalar(rest, indent));
      }
    }
    return items;
  }

  private mapping(indent: number): { [key: string]: Yaml } {
    const out: { [key: string]: Yaml } = {};
    for (let line = this.peek(); line && line.indent === indent && !line.text.startsWith("-"); line = this.peek()) {
      const colon = line.text.search(/:( |$)/);
      if (colon < 0) throw new Error(`not a mapping entry: ${line.text}`);
      const key = unquote(line.text.slice(0, colon));
      const rest = line.text.slice(colon + 1).trim();
      if (rest === "") {
        this.i++;
        const next = this.peek();
        if (next && (next.indent > indent || (next.indent === indent && next.text.startsWith("-")))) {
          out[key] = next.text.startsWith("-") || ENTRY.test(next.text) ? this.block(next.indent) : this.scalar(next.text, indent);
        } else out[key] = "";
      } else {
        out[key] = this.scalar(rest, indent);
      }
    }
    return out;
  }

  /** A value on the key's line, taking the lines it goes on over: a block scalar, an open bracket or quote. */
  private scalar(text: string, indent: number): string {
    this.i++;
    if (/^[|>][-+]?$/.test(text)) {
      const kept: string[] = [];
      while (this.i < this.lines.length && (this.lines[this.i]!.text === "" || this.lines[this.i]!.indent > indent)) kept.push(this.lines[this.i++]!.text);
      return kept.join("\n").trim();
    }
    let value = text;
    // An open bracket or quote goes on to its close; a plain scalar, over its more indented lines.
    const plain = !/^["'[{]/.test(text);
    while (this.i < this.lines.length && (plain ? this.lines[this.i]!.text !== "" && this.lines[this.i]!.indent > indent : !closed(value))) value += " " + this.lines[this.i++]!.text;
    return unquote(value.replace(/\s+#[^"']*$/, ""));
  }
}

/** Whether brackets and double quotes opened in `text` are closed. */
function closed(text: string): boolean {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === "\\") i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === "[" || c === "{") depth++;
    else if (c === "]" || c === "}") depth--;
  }
  return depth <= 0 && !quoted;
}

function unquote(text: string): string {
  const t = text.trim();
  return t.length >= 2 && ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'"))) ? t.slice(1, -1) : t;
}
