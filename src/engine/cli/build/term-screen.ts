/**
 * The rows a small terminal shows after `text` is written to it, as BuildKit's display draws a
 * running step's output through a vt100 (tonistiigi/vt100) of `height` rows and `width`
 * columns: a newline goes to the start of the next row, a carriage return to the start of the
 * row, long lines wrap, the oldest rows scroll away; escape sequences and other control
 * characters (tabs included) draw nothing. Each row is padded to the width.
 */
export function screenRows(text: string, width: number, height: number): string[] {
  width = Math.max(1, width);
  const rows: string[][] = [[]];
  let column = 0;
  const newRow = () => {
    rows.push([]);
    if (rows.length > height) rows.shift();
    column = 0;
  };
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === "\x1b") {
      i = escapeEnd(chars, i);
    } else if (c === "\n") {
      newRow();
    } else if (c === "\r") {
      column = 0;
    } else if (c === "\b") {
      column = Math.max(0, column - 1);
    } else if (c >= " " && c !== "\x7f" && !(c >= "\x80" && c < "\xa0")) {
      if (column >= width) newRow();
      const row = rows.at(-1)!;
      while (row.length < column) row.push(" ");
      row[column++] = c;
    }
  }
  while (rows.length < height) rows.push([]);
  return rows.map((row) => row.join("").padEnd(width));
}

/** The index of the last character of the escape sequence starting at `i`: CSI, OSC, or ESC, intermediates and a final. */
function escapeEnd(chars: readonly string[], i: number): number {
  const kind = chars[i + 1];
  if (kind === "[") {
    let j = i + 2;
    while (j < chars.length && !(chars[j]! >= "@" && chars[j]! <= "~")) j++;
    return j;
  }
  if (kind === "]") {
    let j = i + 2;
    while (j < chars.length && chars[j] !== "\x07" && !(chars[j] === "\x1b" && chars[j + 1] === "\\")) j++;
    return chars[j] === "\x1b" ? j + 1 : j;
  }
  let j = i + 1;
  while (j < chars.length && chars[j]! >= " " && chars[j]! <= "/") j++;
  return j;
}
