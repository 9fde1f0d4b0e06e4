import type { ILink, ILinkProvider, Terminal } from "@xterm/xterm";

/** http and https addresses, up to the first space or quote (what a shell prints around them). */
const URL = /https?:\/\/[^\s"'<>`]+[^\s"'<>`.,;:!?)\]]/g;

/** The addresses on one line of text: their start (0-based) and text. */
export function findUrls(line: string): { start: number; text: string }[] {
  return [...line.matchAll(URL)].map((match) => ({ start: match.index, text: match[0] }));
}

/**
 * Addresses the guest prints (docs links in help texts, curl's URLs) open on click (`open`).
 * One line at a time: an address wrapped across rows is not joined.
 */
export function urlLinks(terminal: Terminal, open: (url: string) => void): ILinkProvider {
  return {
    provideLinks(y, callback) {
      const line = terminal.buffer.active.getLine(y - 1)?.translateToString(true) ?? "";
      const links = findUrls(line).map(
        ({ start, text }): ILink => ({
          range: { start: { x: start + 1, y }, end: { x: start + text.length, y } },
          text,
          activate: () => open(text),
        }),
      );
      callback(links.length > 0 ? links : undefined);
    },
  };
}
