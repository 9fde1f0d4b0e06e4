/**
 * Go's text/tabwriter (elastic tabstops), which docker/cli aligns its tables with:
 * `NewWriter(out, 10, 1, 3, ' ', 0)` for tables, minWidth 20 in `docker top`.
 *
 * Cells are tab-terminated: the text after a line's last tab belongs to no column. A column is
 * a run of consecutive lines that all have a cell in it; its width is the widest cell plus
 * padding, at least minWidth. Widths count code points, as Go counts runes.
 */
export interface TabWriterOptions {
  minWidth: number;
  tabWidth: number;
  padding: number;
  padChar: string;
  /** Pad on the left (ignored when padChar is a tab, as in Go). */
  alignRight?: boolean;
  /** A "|" between columns. */
  debug?: boolean;
}

interface Cell {
  text: string;
  width: number;
}

export class TabWriter {
  private readonly options: Required<TabWriterOptions>;
  private lines: Cell[][] = [[]];
  private cell = "";
  private out = "";
  private widths: number[] = [];

  constructor(options: TabWriterOptions) {
    const { minWidth, tabWidth, padding } = options;
    if (minWidth < 0 || tabWidth < 0 || padding < 0) throw new RangeError("negative minWidth, tabWidth, or padding");
    this.options = {
      alignRight: false,
      debug: false,
      ...options,
    };
    if (options.padChar === "\t") this.options.alignRight = false;
  }

  write(text: string): void {
    for (const ch of text) {
      switch (ch) {
        case "\t":
        case "\v":
          this.terminateCell();
          break;
        case "\n":
        case "\f": {
          const cells = this.terminateCell();
          this.lines.push([]);
          // A formfeed ends every column; so does a line without tabs (nothing spans it).
          if (ch === "\f" || cells === 1) this.format();
          if (ch === "\f" && this.options.debug) this.out += "---\n";
          break;
        }
        default:
          this.cell += ch;
      }
    }
  }

  /** Everything written so far, aligned; the writer is then empty again. */
  flush(): string {
    if (this.cell !== "") this.terminateCell();
    this.format();
    const out = this.out;
    this.out = "";
    return out;
  }

  private terminateCell(): number {
    const line = this.lines[this.lines.length - 1]!;
    line.push({ text: this.cell, width: codePoints(this.cell) });
    this.cell = "";
    return line.length;
  }

  private format(): void {
    this.formatBlock(0, this.lines.length);
    this.lines = [[]];
    this.widths = [];
  }

  // Lays out lines [line0, line1) given the widths of the columns to the left; each block of
  // lines sharing the next column is laid out recursively with that column's width pushed.
  private formatBlock(line0: number, line1: number): void {
    const column = this.widths.length;
    for (let at = line0; at < line1; at++) {
      if (column >= this.lines[at]!.length - 1) continue;
      this.writeLines(line0, at);
      line0 = at;
      let width = this.options.minWidth;
      for (; at < line1; at++) {
        const line = this.lines[at]!;
        if (column >= line.length - 1) break;
        width = Math.max(width, line[column]!.width + this.options.padding);
      }
      this.widths.push(width);
      this.formatBlock(line0, at);
      this.widths.pop();
      line0 = at;
    }
    this.writeLines(line0, line1);
  }

  private writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      this.lines[i]!.forEach((cell, j) => {
        if (j > 0 && this.options.debug) this.out += "|";
        const width = this.widths[j];
        if (width === undefined) this.out += cell.text;
        else if (this.options.alignRight && cell.text !== "") this.out += this.padding(cell.width, width) + cell.text;
        else this.out += cell.text + this.padding(cell.width, width);
      });
      // The last line is the one still being written: it has no newline yet.
      if (i + 1 < this.lines.length) this.out += "\n";
    }
  }

  private padding(textWidth: number, cellWidth: number): string {
    const { padChar, tabWidth } = this.options;
    if (padChar !== "\t") return padChar.repeat(cellWidth - textWidth);
    if (tabWidth === 0) return "";
    const stop = Math.ceil(cellWidth / tabWidth) * tabWidth;
    return "\t".repeat(Math.ceil((stop - textWidth) / tabWidth));
  }
}

function codePoints(text: string): number {
  return [...text].length;
}
