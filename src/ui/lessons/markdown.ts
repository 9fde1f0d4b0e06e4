/**
 * The markdown lessons use, as HTML: paragraphs, lists, fenced blocks, `###` headings, inline
 * code, bold, italic and links. Everything else is text, escaped, so a lesson can never put
 * markup or script on the page; links go to http(s) only and open in a new tab.
 */
export function renderMarkdown(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const fence = /^(`{3,})/.exec(line);
    if (fence) {
      const end = lines.findIndex((l, j) => j > i && l.trimEnd() === fence[1]);
      const stop = end < 0 ? lines.length : end;
      out.push(`<pre><code>${escapeHtml(lines.slice(i + 1, stop).join("\n"))}</code></pre>`);
      i = stop + 1;
      continue;
    }
    if (!line.trim()) {
      i++;
      continue;
    }
    const heading = /^###\s+(.*)$/.exec(line);
    if (heading) {
      out.push(`<h4>${inline(heading[1]!)}</h4>`);
      i++;
      continue;
    }
    const list = listKind(line);
    if (list) {
      const items: string[] = [];
      while (i < lines.length && listKind(lines[i]!) === list) {
        let item = lines[i]!.replace(/^\s*(?:[-*]|\d+\.)\s+/, "");
        // Indented lines continue the item.
        while (i + 1 < lines.length && /^\s{2,}\S/.test(lines[i + 1]!) && !listKind(lines[i + 1]!)) item += ` ${lines[++i]!.trim()}`;
        items.push(`<li>${inline(item)}</li>`);
        i++;
      }
      out.push(`<${list}>${items.join("")}</${list}>`);
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && lines[i]!.trim() && !/^(`{3,}|###\s)/.test(lines[i]!) && !listKind(lines[i]!)) paragraph.push(lines[i++]!.trim());
    out.push(`<p>${inline(paragraph.join(" "))}</p>`);
  }
  return out.join("\n");
}

function listKind(line: string): "ul" | "ol" | undefined {
  if (/^\s*[-*]\s+/.test(line)) return "ul";
  if (/^\s*\d+\.\s+/.test(line)) return "ol";
  return undefined;
}

/** Code spans first (nothing inside them is markup), then links, bold and italic in the rest. */
export function inline(text: string): string {
  return text
    .split(/(`[^`]+`)/)
    .map((part, index) => (index % 2 === 1 ? `<code>${escapeHtml(part.slice(1, -1))}</code>` : emphasis(part)))
    .join("");
}

function emphasis(text: string): string {
  return text
    .split(/(\[[^\]]+\]\([^)\s]+\))/)
    .map((part, index) => {
      if (index % 2 === 0) return styled(part);
      const [, label, url] = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(part)!;
      if (!/^https?:\/\//i.test(url!)) return styled(part);
      return `<a href="${escapeHtml(url!)}" target="_blank" rel="noopener noreferrer">${styled(label!)}</a>`;
    })
    .join("");
}

function styled(text: string): string {
  return escapeHtml(text)
    .replace(/\*\*(\S(?:.*?\S)?)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|[^*\w])([*_])(\S(?:.*?\S)?)\2(?=[^*\w]|$)/g, "$1<em>$3</em>");
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
