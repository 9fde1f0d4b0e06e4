import { LitElement, html, nothing } from "lit";
import type { BootProgress } from "../../../shared/boot";
import type { Disposable } from "../../../shared/disposable";
import type { FromEngine } from "../../../shared/worker-protocol";
import type { EngineClient } from "../../engine-client";
import "../boot-progress/boot-progress";
import "../guest-terminal/guest-terminal";
import "../lesson-pane/lesson-pane";
import type { GuestTerminal, TerminalInputEvent, TerminalResizeEvent } from "../guest-terminal/guest-terminal";
import { styles } from "./drydock-app.styles";

/**
 * The page: the guest console, with a progress bar while the VM starts and a panel if it fails.
 * It is handed an engine that has already been told to start.
 */
export class DrydockApp extends LitElement {
  static override styles = styles;
  static override properties = {
    engine: { attribute: false },
    progress: { state: true },
    notices: { state: true },
    error: { state: true },
    ready: { state: true },
  };

  declare engine: EngineClient | undefined;
  declare private progress: BootProgress | undefined;
  declare private notices: string[];
  declare private error: string | undefined;
  declare private ready: boolean;

  private subscription: Disposable | undefined;
  private size: { columns: number; rows: number } | undefined;

  constructor() {
    super();
    this.notices = [];
    this.ready = false;
  }

  private get terminal(): GuestTerminal {
    return this.renderRoot.querySelector("guest-terminal")!;
  }

  // Subscribing once rendered: messages kept from before the UI loaded go straight to the terminal.
  override firstUpdated(): void {
    this.subscription = this.engine?.on((message) => this.onEngine(message));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.subscription?.dispose();
  }

  override render() {
    return html`
      <header><h1>Drydock</h1><span class="tagline">a real Docker host, in this tab</span></header>
      ${this.notices.map((notice) => html`<p class="notice" role="status">${notice}</p>`)}
      <main>
        <guest-terminal
          class=${this.ready ? "" : "hidden"}
          @terminal-input=${(e: TerminalInputEvent) => this.engine?.send({ type: "console-input", data: e.detail })}
          @terminal-resize=${(e: TerminalResizeEvent) => this.onResize(e.detail)}
        ></guest-terminal>
        ${this.error
          ? html`<section class="error" role="alert">
              <h2>The VM could not start</h2>
              <pre>${this.error}</pre>
            </section>`
          : this.ready
            ? nothing
            : html`<boot-progress .progress=${this.progress}></boot-progress>`}
      </main>
    `;
  }

  private onEngine(message: FromEngine): void {
    switch (message.type) {
      case "progress":
        this.progress = message.progress;
        break;
      case "notice":
        this.notices = [...this.notices, message.message];
        break;
      case "ready":
        this.ready = true;
        this.terminal.write(message.screen);
        if (this.size) this.engine?.send({ type: "console-resize", ...this.size });
        this.terminal.focus();
        this.dispatchEvent(new CustomEvent("vm-ready", { detail: message, bubbles: true, composed: true }));
        break;
      case "console-output":
        this.terminal.write(message.data);
        break;
      case "error":
        this.error = message.message;
        break;
    }
  }

  private onResize(size: { columns: number; rows: number }): void {
    this.size = size;
    if (this.ready) this.engine?.send({ type: "console-resize", ...size });
  }
}

customElements.define("drydock-app", DrydockApp);

declare global {
  interface HTMLElementTagNameMap {
    "drydock-app": DrydockApp;
  }
}
