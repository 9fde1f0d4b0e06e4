import { LitElement, html, nothing } from "lit";
import type { BootProgress } from "../../../shared/boot";
import type { Disposable } from "../../../shared/disposable";
import type { FromEngine } from "../../../shared/worker-protocol";
import type { EngineWorkerChannel } from "../../engine-worker-channel";
import { PromptWatch, commandName, keystrokesFor } from "../../prompt-watch";
import "../architecture-view/architecture-view";
import "../docker-desktop/docker-desktop";
import "../boot-progress/boot-progress";
import "../guest-terminal/guest-terminal";
import "../lesson-pane/lesson-pane";
import "../port-preview/port-preview";
import type { PreviewOpenEvent } from "../../preview/preview-open-event";
import type { GuestTerminal, TerminalInputEvent, TerminalResizeEvent } from "../guest-terminal/guest-terminal";
import { styles } from "./drydock-app.styles";

const TABS = [
  { id: "architecture", label: "Architecture" },
  { id: "desktop", label: "Desktop" },
  { id: "ports", label: "Ports" },
] as const;
type TabId = (typeof TABS)[number]["id"];

/**
 * The page: lessons on the left; on the right the guest console (a progress bar while the VM
 * starts, a panel if it fails) and, under it, tabs with the architecture view, a second
 * Docker client and the published ports' preview (which links in the terminal and the Desktop
 * tab open, by a `preview-open` event). It is handed an engine that has already been told to start.
 */
export class DrydockApp extends LitElement {
  static override styles = styles;
  static override properties = {
    engine: { attribute: false },
    progress: { state: true },
    notices: { state: true },
    error: { state: true },
    ready: { state: true },
    tab: { state: true },
    tabOpen: { state: true },
    waiting: { state: true },
  };

  declare engine: EngineWorkerChannel | undefined;
  declare private progress: BootProgress | undefined;
  declare private notices: string[];
  declare private error: string | undefined;
  declare private ready: boolean;
  declare private tab: TabId;
  /** The tab panel can be folded away to give the terminal the whole column. */
  declare private tabOpen: boolean;
  /** Commands a Run button asked for while the terminal was not at the host's prompt, oldest first. */
  declare private waiting: string[];
  private readonly prompt = new PromptWatch();

  private subscription: Disposable | undefined;
  private size: { columns: number; rows: number } | undefined;

  constructor() {
    super();
    this.notices = [];
    this.ready = false;
    this.tab = "architecture";
    this.tabOpen = true;
    this.waiting = [];
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
      <div class="workspace" @preview-open=${(e: PreviewOpenEvent) => this.openPreview(e.detail.url)}>
        <lesson-pane
          .engine=${this.engine}
          @lesson-run=${(e: CustomEvent<{ command: string }>) => this.typeCommand(e.detail.command)}
          @lesson-open=${() => this.renderRoot.querySelector("architecture-view")?.closeRaw()}
        ></lesson-pane>
        <section class="machine" aria-label="The Docker host">
          <div class="console">
            <guest-terminal
              class=${this.ready ? "" : "hidden"}
              @terminal-input=${(e: TerminalInputEvent) => this.engine?.send({ type: "console-input", data: e.detail })}
              @terminal-resize=${(e: TerminalResizeEvent) => this.onResize(e.detail)}
              @terminal-leave=${() => this.renderRoot.querySelector<HTMLElement>(`#tab-${this.tab}`)?.focus()}
            ></guest-terminal>
            ${this.error
              ? html`<section class="error" role="alert">
                  <h2>The VM could not start</h2>
                  <pre>${this.error}</pre>
                </section>`
              : this.ready
                ? nothing
                : html`<boot-progress .progress=${this.progress}></boot-progress>`}
          </div>
          ${this.waiting.length > 0
            ? html`<p class="waiting" role="status">
                Run waits for the Docker host's prompt to type <code>${commandName(this.waiting[0]!)}</code>${this.waiting.length > 1 ? ` (and ${this.waiting.length - 1} more)` : ""}: a
                command is still running, or the terminal is in a container's shell (<code>exit</code> leaves it).
              </p>`
            : nothing}
          <div class="tabbar">
            <div class="tabs" role="tablist" aria-label="Views of the Docker host" @keydown=${(e: KeyboardEvent) => this.onTabKey(e)}>
              ${TABS.map(
                (tab) => html`<button
                  role="tab"
                  id="tab-${tab.id}"
                  aria-controls="panel-${tab.id}"
                  aria-selected=${String(this.tab === tab.id)}
                  aria-expanded=${String(this.tab === tab.id && this.tabOpen)}
                  tabindex=${this.tab === tab.id ? 0 : -1}
                  @click=${() => this.selectTab(tab.id, true)}
                >
                  ${tab.label}
                </button>`,
              )}
            </div>
            <button
              class="fold-panel"
              aria-controls="panel-${this.tab}"
              aria-expanded=${String(this.tabOpen)}
              title=${this.tabOpen ? "Hide the panel, for a taller terminal" : "Show the panel"}
              @click=${() => (this.tabOpen = !this.tabOpen)}
            >
              ${this.tabOpen ? "Hide panel ▾" : "Show panel ▴"}
            </button>
          </div>
          <div class="panel" role="tabpanel" id="panel-architecture" aria-labelledby="tab-architecture" ?hidden=${!this.tabOpen || this.tab !== "architecture"}>
            <architecture-view .engine=${this.engine}></architecture-view>
          </div>
          <div class="panel" role="tabpanel" id="panel-desktop" aria-labelledby="tab-desktop" ?hidden=${!this.tabOpen || this.tab !== "desktop"}>
            <docker-desktop .engine=${this.engine}></docker-desktop>
          </div>
          <div class="panel" role="tabpanel" id="panel-ports" aria-labelledby="tab-ports" ?hidden=${!this.tabOpen || this.tab !== "ports"}>
            <port-preview .engine=${this.engine}></port-preview>
          </div>
        </section>
      </div>
    `;
  }

  /**
   * A lesson's Run button: the command typed at the host's prompt, as the learner would type it.
   * Typed elsewhere it would go to whatever runs (a container's shell answers `docker: not
   * found`), so it waits for the prompt.
   */
  private typeCommand(command: string): void {
    if (!this.ready) return;
    this.waiting = [...this.waiting, command];
    this.typeWaiting();
    this.terminal.focus();
  }

  private typeWaiting(): void {
    const [command, ...rest] = this.waiting;
    if (command === undefined || !this.prompt.atPrompt) return;
    this.waiting = rest;
    this.engine?.send({ type: "console-input", data: new TextEncoder().encode(keystrokesFor(command)) });
  }

  /** A preview address, shown in the Ports tab. */
  private openPreview(url: string): void {
    this.selectTab("ports", false);
    void this.renderRoot.querySelector("port-preview")?.open(url);
  }

  /** Clicking the open tab folds the panel; another tab opens it. */
  private selectTab(id: TabId, toggle: boolean): void {
    this.tabOpen = toggle && this.tab === id ? !this.tabOpen : true;
    this.tab = id;
  }

  /** Arrow keys move between tabs (the WAI-ARIA tabs pattern); Home and End go to the ends. */
  private onTabKey(event: KeyboardEvent): void {
    const index = TABS.findIndex((tab) => tab.id === this.tab);
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: TABS.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const tab = TABS[(next + TABS.length) % TABS.length]!;
    this.selectTab(tab.id, false);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${tab.id}`)?.focus());
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
        this.prompt.feed(new TextEncoder().encode(message.screen));
        this.terminal.write(message.screen);
        if (this.size) this.engine?.send({ type: "console-resize", ...this.size });
        this.terminal.focus();
        this.dispatchEvent(new CustomEvent("vm-ready", { detail: message, bubbles: true, composed: true }));
        break;
      case "console-output":
        // Typed once the terminal has answered the prompt's cursor query, so the answer goes first.
        this.terminal.write(message.data, this.prompt.feed(message.data) ? () => this.typeWaiting() : undefined);
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
