import { FitAddon } from "@xterm/addon-fit";
import { Terminal } from "@xterm/xterm";
import xtermCss from "@xterm/xterm/css/xterm.css?inline";
import { LitElement, html, unsafeCSS } from "lit";
import { previewOpenEvent } from "../../preview/preview-open-event";
import { previewOfHostUrl } from "../../preview/preview-url";
import { styles } from "./guest-terminal.styles";
import { urlLinks } from "./url-links";

export type TerminalInputEvent = CustomEvent<Uint8Array>;
export type TerminalResizeEvent = CustomEvent<{ columns: number; rows: number }>;

const encoder = new TextEncoder();

/**
 * xterm.js showing the guest console. Fires `terminal-input` with the bytes typed and
 * `terminal-resize` whenever the fitted size changes; `write` takes the guest's output. Tab is
 * the shell's (completion), so the keyboard leaves by Shift+Tab (back) or F6 (`terminal-leave`,
 * forward), as in editors that hold Tab. Ctrl+C is the shell's too: Ctrl+Shift+C copies the
 * selection and Ctrl+Shift+V pastes, as in Linux terminals; addresses open in a new tab, but
 * the Docker host's own (http://localhost:8080/) in the app's preview (`preview-open`).
 */
export class GuestTerminal extends LitElement {
  static override styles = [unsafeCSS(xtermCss), styles];

  private readonly terminal = new Terminal({
    convertEol: false,
    cursorBlink: true,
    fontFamily: "ui-monospace, 'DejaVu Sans Mono', Menlo, monospace",
    fontSize: 14,
    // At 1.0 the DOM renderer clips underscores at the bottom of the cell.
    lineHeight: 1.2,
    theme: { background: "#0d1117", foreground: "#d7dde8" },
  });
  private readonly fit = new FitAddon();
  private observer: ResizeObserver | undefined;

  override firstUpdated(): void {
    const host = this.renderRoot.querySelector<HTMLElement>("#screen")!;
    this.terminal.loadAddon(this.fit);
    this.terminal.open(host);
    this.terminal.attachCustomKeyEventHandler((event) => this.key(event));
    this.terminal.registerLinkProvider(urlLinks(this.terminal, (url) => this.openUrl(url)));
    this.terminal.onData((data) => this.fire("terminal-input", encoder.encode(data)));
    this.terminal.onBinary((data) => this.fire("terminal-input", Uint8Array.from(data, (c) => c.charCodeAt(0))));
    this.terminal.onResize(({ cols, rows }) => this.fire("terminal-resize", { columns: cols, rows }));
    this.observer = new ResizeObserver(() => this.fit.fit());
    this.observer.observe(host);
    this.fit.fit();
    this.fire("terminal-resize", { columns: this.terminal.cols, rows: this.terminal.rows });
  }

  /**
   * The terminal's localhost is the Docker host's, never the learner's machine: only the preview
   * reaches it, and says so plainly when nothing is published on the port (rather than a dead tab).
   */
  private openUrl(url: string): void {
    const preview = previewOfHostUrl(url);
    if (preview) this.dispatchEvent(previewOpenEvent(preview));
    else window.open(url, "_blank", "noopener");
  }

  /** False: the key is not the shell's (xterm.js lets the browser have it). */
  private key(event: KeyboardEvent): boolean {
    if (event.type !== "keydown") return true;
    if (event.key === "F6") {
      event.preventDefault();
      this.fire("terminal-leave", undefined);
      return false;
    }
    if (event.key === "Tab" && event.shiftKey) return false;
    if (event.ctrlKey && event.shiftKey && event.code === "KeyC") {
      event.preventDefault();
      if (this.terminal.hasSelection()) void navigator.clipboard?.writeText(this.terminal.getSelection()).catch(() => undefined);
      return false;
    }
    // The browser's paste (Ctrl+Shift+V) reaches xterm.js as a paste event: do not send ^V.
    return !(event.ctrlKey && event.shiftKey && event.code === "KeyV");
  }

  /** `parsed` runs once xterm.js has taken the data in, and sent any answer it asked for. */
  write(data: Uint8Array | string, parsed?: () => void): void {
    this.terminal.write(data, parsed);
  }

  override focus(): void {
    this.terminal.focus();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
    this.terminal.dispose();
  }

  override render() {
    return html`<div id="screen" role="region" aria-label="Guest console (Tab completes in the shell; F6 moves on, Shift+Tab goes back)"></div>`;
  }

  private fire<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
  }
}

customElements.define("guest-terminal", GuestTerminal);

declare global {
  interface HTMLElementTagNameMap {
    "guest-terminal": GuestTerminal;
  }
}
