import { networkRows, type NetworkRow } from "./network-rows";
import { LitElement, html, nothing } from "lit";
import { repeat } from "lit/directives/repeat.js";
import type { ExchangeRaw, ExchangeSummary } from "../../../shared/api-exchange";
import type { Disposable } from "../../../shared/disposable";
import type { FromEngine } from "../../../shared/worker-protocol";
import type { EngineWorkerChannel } from "../../engine-worker-channel";
import { type DockerClient, dockerClientOverWorker, followEvents, staleAfter } from "../../docker-client-over-worker";
import { observeVisibility } from "../../visibility";
import { styles } from "./architecture-view.styles";
import type { BuildStep } from "./build-steps";
import { arrowOf, durationText, ExchangeLog, rawText, type Arrow } from "./exchange-log";
import { visuallyHidden } from "../visually-hidden.styles";

/** How long an arrow stays lit after a request crosses it. */
const LIT_MS = 900;

const CLIENTS: { arrow: Arrow; title: string; detail: string }[] = [
  { arrow: "cli", title: "docker CLI", detail: "typed in the terminal" },
  { arrow: "guest", title: "curl, scripts", detail: "/var/run/docker.sock, tcp 2375" },
  { arrow: "page", title: "This page", detail: "the Desktop tab, this view, the lessons' checks" },
];

/**
 * Docker's architecture, live: the clients, the daemon with its images and containers, and the
 * registry, each request lighting the arrow it crosses as the API tap in the engine reports it;
 * under it the requests themselves, each one's raw HTTP a click away.
 */
export class ArchitectureView extends LitElement {
  static override styles = [visuallyHidden, styles];
  static override properties = {
    engine: { attribute: false },
    entries: { state: true },
    lit: { state: true },
    counts: { state: true },
    networks: { state: true },
    selected: { state: true },
    opened: { state: true },
  };

  declare engine: EngineWorkerChannel | undefined;
  declare private entries: ExchangeSummary[];
  /** Each arrow's latest request while it is lit. */
  declare private lit: Partial<Record<Arrow, ExchangeSummary>>;
  declare private counts: { images: number; containers: number; running: number } | undefined;
  /** The bridge networks in the Docker host, with the running containers on them. */
  declare private networks: NetworkRow[];
  declare private selected: { summary: ExchangeSummary; raw: ExchangeRaw | undefined } | undefined;
  /** The builds whose steps are shown under their row. */
  declare private opened: ReadonlySet<number>;

  private readonly log = new ExchangeLog(200);
  private readonly timers = new Map<Arrow, ReturnType<typeof setTimeout>>();
  private subscription: Disposable | undefined;
  private visibility: Disposable | undefined;
  private visible = false;
  private api: DockerClient | undefined;
  private following: AbortController | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** Whether the list was scrolled to its end before this frame's updates (it then follows new rows). */
  private atEnd = true;
  private endFrame: number | undefined;
  private opener: HTMLElement | undefined;

  constructor() {
    super();
    this.entries = [];
    this.lit = {};
    this.opened = new Set();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.subscribe();
    this.visibility = observeVisibility(this, (visible) => {
      this.visible = visible;
      if (visible) this.entries = this.log.entries;
      this.followCounts();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.visibility?.dispose();
    this.subscription?.dispose();
    this.subscription = undefined;
    this.following?.abort();
    this.following = undefined;
    if (this.endFrame !== undefined) cancelAnimationFrame(this.endFrame);
    this.endFrame = undefined;
  }

  /**
   * One update per frame, however many summaries came in it: a docker run sends 15 to 27, each
   * re-rendering the 200-row list on the thread the terminal draws on. (While the page is hidden
   * the view waits, as the browser draws nothing then.)
   */
  protected override async scheduleUpdate(): Promise<void> {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    super.scheduleUpdate();
  }

  /** Where the list stood before the first update since the last frame: later ones in the frame would only make the browser lay it out again. */
  override willUpdate(): void {
    if (this.endFrame !== undefined) return;
    const list = this.renderRoot.querySelector(".requests");
    this.atEnd = !list || list.scrollTop + list.clientHeight >= list.scrollHeight - 8;
  }

  // Subscribed once updated, never in connectedCallback: the engine hands messages kept from
  // before the UI loaded to its first listener, and that must be the app (the terminal's bytes).
  override updated(changed: Map<string, unknown>): void {
    if (changed.has("engine")) {
      this.subscribe();
      this.following?.abort();
      this.following = undefined;
      this.api = this.engine ? dockerClientOverWorker(this.engine, "Drydock-Architecture") : undefined;
      this.followCounts();
    }
    if (changed.has("entries")) this.followEnd();
  }

  /**
   * Scrolls the list to its new last row, when it was at its end, in the next frame, once however
   * many rows came: reading its height right after each update made the browser lay the whole
   * table out again for every request summary, on the thread the terminal draws on, while the
   * guest waited (0.6 s of the page's main thread in one `docker run`).
   */
  private followEnd(): void {
    if (this.endFrame !== undefined) return;
    this.endFrame = requestAnimationFrame(() => {
      this.endFrame = undefined;
      const list = this.renderRoot.querySelector(".requests");
      if (list && this.atEnd) list.scrollTop = list.scrollHeight;
    });
  }

  override render() {
    const seen = new Set(this.entries.map((e) => arrowOf(e)));
    const clients = seen.has("node") ? [...CLIENTS, { arrow: "node" as const, title: "Node socket", detail: "drydock daemon" }] : CLIENTS;
    return html`
      <figure class="diagram">
        <div class="clients">${clients.map((c) => html`<div class="row">${this.renderBox(c.arrow, c.title, c.detail)}${this.renderArrow(c.arrow)}</div>`)}</div>
        <div class="box daemon" data-box="daemon">
          <strong>Docker daemon</strong>
          <span class="detail">the Engine API, in front of the VM</span>
          ${this.counts
            ? html`<ul aria-label="What the daemon holds">
                <li data-count="images">${this.counts.images} ${this.counts.images === 1 ? "image" : "images"}</li>
                <li data-count="containers">${this.counts.containers} ${this.counts.containers === 1 ? "container" : "containers"} (${this.counts.running} running)</li>
              </ul>`
            : nothing}
          ${this.networks?.length
            ? html`<ul class="networks" aria-label="Networks in the Docker host">
                ${this.networks.map(
                  (n) => html`<li data-network=${n.name}>
                    <code>${n.name}</code> <span class="addr"><span class="device">${n.device} </span>${n.subnet}</span>
                    ${n.members.length
                      ? html`<ul>
                          ${n.members.map((m) => html`<li data-member=${m.name}>${m.name} <span class="addr">${m.address}${m.ports.length ? ` · host ${m.ports.join(", ")}` : ""}</span></li>`)}
                        </ul>`
                      : nothing}
                  </li>`,
                )}
              </ul>`
            : nothing}
        </div>
        ${this.renderArrow("registry")} ${this.renderBox("registry", "Registry", "Drydock's built-in hub: busybox, hello-world")}
        <figcaption>
          Every client speaks HTTP to one daemon; the daemon pulls images from the registry, and carries the Ports tab's requests to the containers' published ports.
          Each request lights the arrow it crosses. Containers sit on networks, bridges in the Docker host, each at an address of its own.
        </figcaption>
      </figure>
      <div class="requests" tabindex="0" role="region" aria-label="Recent requests">
        <table>
          <caption>
            Recent requests to the Engine API, the registry and published ports (the Ports tab's preview), newest last
            <button class="clear" @click=${() => this.clear()} ?disabled=${this.entries.length === 0}>Clear</button>
          </caption>
          <thead>
            <tr>
              <th scope="col">From → to</th>
              <th scope="col">Method</th>
              <th scope="col">Path</th>
              <th scope="col">Status</th>
              <th scope="col">Time</th>
              <th scope="col"><span class="visually-hidden">Details</span></th>
            </tr>
          </thead>
          <tbody>
            ${repeat(
              this.entries,
              (e) => e.id,
              (e) => this.renderExchange(e, this.log.stepsOf(e.id)),
            )}
          </tbody>
        </table>
      </div>
      ${this.selected ? this.renderRaw(this.selected.summary, this.selected.raw) : nothing}
    `;
  }

  private renderExchange(e: ExchangeSummary, stepsSoFar: BuildStep[] | undefined) {
    // A build refused before it began (a 400, a 413) has no steps to open onto.
    const steps = stepsSoFar?.length || e.state !== "done" ? stepsSoFar : undefined;
    const open = steps !== undefined && this.opened.has(e.id);
    return html`<tr data-method=${e.method} data-path=${e.path} data-status=${e.status ?? ""} data-client=${e.client} class=${e.id === this.selected?.summary.id ? "selected" : ""}>
        <td>${e.client} → ${e.server}</td>
        <td>${e.method}</td>
        <td class="path">${e.path}</td>
        <td class=${e.status !== undefined && e.status >= 400 ? "failed" : ""}>${e.status ?? "…"}</td>
        <td>${durationText(e)}</td>
        <td class="details">
          ${steps
            ? html`<button aria-label="Build steps of ${e.method} ${e.path}" aria-expanded=${String(open)} aria-controls="steps-${e.id}" @click=${() => this.toggleSteps(e.id)}>
                Steps ${open ? "▴" : "▾"}
              </button>`
            : nothing}
          <button aria-label="Raw HTTP of ${e.method} ${e.path}" aria-controls="raw" @click=${(event: Event) => this.open(e, event.currentTarget as HTMLElement)}>Raw</button>
        </td>
      </tr>
      ${steps ? html`<tr class="steps" id="steps-${e.id}" ?hidden=${!open}>${open ? html`<td colspan="6">${this.renderSteps(e, steps)}</td>` : nothing}</tr>` : nothing}`;
  }

  /** BuildKit's progress as a table: each vertex, CACHED or run, its time and its layer's size. */
  private renderSteps(e: ExchangeSummary, steps: BuildStep[]) {
    return html`<table class="build-steps">
      <caption>
        Steps of this build${e.state === "done" ? "" : ", so far"}
      </caption>
      <thead>
        <tr>
          <th scope="col">Step</th>
          <th scope="col">Result</th>
          <th scope="col">Time</th>
          <th scope="col">Layer size</th>
        </tr>
      </thead>
      <tbody>
        ${steps.length === 0 ? html`<tr><td colspan="4">None yet</td></tr>` : nothing}
        ${steps.map(
          (s) => html`<tr data-step=${s.name} data-result=${s.result}>
            <td class="path">${s.name}${s.error ? html`<span class="error">${s.error}</span>` : nothing}</td>
            <td class=${s.result.toLowerCase()}>${s.result === "running" ? "running…" : s.result}</td>
            <td>${s.time}</td>
            <td>${s.size}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private renderBox(arrow: Arrow, title: string, detail: string) {
    return html`<div class="box ${this.lit[arrow] ? "active" : ""}" data-box=${arrow}><strong>${title}</strong><span class="detail">${detail}</span></div>`;
  }

  private renderArrow(arrow: Arrow) {
    const last = this.lit[arrow];
    return html`<div class="arrow ${last ? "lit" : ""}" data-arrow=${arrow} aria-hidden="true">
      <span class="label">${last ? `${last.method} ${last.path.replace(/^\/v[\d.]+\//, "/").replace(/\?.*/, "")}` : ""}</span>
    </div>`;
  }

  private renderRaw(summary: ExchangeSummary, raw: ExchangeRaw | undefined) {
    return html`<section id="raw" class="raw" aria-labelledby="raw-title" @keydown=${(e: KeyboardEvent) => e.key === "Escape" && this.close()}>
      <header>
        <h3 id="raw-title">${summary.method} ${summary.path} → ${summary.status ?? "no answer yet"}</h3>
        <button id="close-raw" @click=${() => this.close()}>Close</button>
      </header>
      ${raw === undefined
        ? html`<p>Loading…</p>`
        : html`<h4>Request (${summary.client} → ${summary.server})</h4>
            <pre tabindex="0" data-raw="request">${rawText(raw.request, raw.requestBytes)}</pre>
            <h4>Response${summary.state === "done" ? "" : " (so far)"}</h4>
            <pre tabindex="0" data-raw="response">${rawText(raw.response, raw.responseBytes)}</pre>`}
    </section>`;
  }

  private subscribe(): void {
    this.subscription?.dispose();
    this.subscription = this.engine?.on((message) => this.onEngine(message));
  }

  private onEngine(message: FromEngine): void {
    // Hidden, the view keeps its log and draws none of it until shown: a render of the list
    // costs the thread the terminal and the preview's relay run on, for nobody.
    if (message.type === "api-exchange") {
      const exchange = message.exchange;
      if (this.log.update(exchange) && this.visible) this.light(exchange);
      if (this.visible) this.entries = this.log.entries;
      if (this.selected?.summary.id === exchange.id) {
        this.selected = { ...this.selected, summary: exchange };
        // The bytes shown were a stream's so far: its end brings the rest.
        if (exchange.state === "done") this.engine?.send({ type: "api-exchange-raw", id: exchange.id });
      }
    } else if (message.type === "api-exchange-response") {
      if (this.log.responseBytes(message.id, message.data) && this.visible) this.entries = this.log.entries;
    } else if (message.type === "api-exchange-raw" && this.selected?.summary.id === message.id) {
      this.selected = { ...this.selected, raw: message.raw ?? { request: new Uint8Array(0), requestBytes: 0, response: new Uint8Array(0), responseBytes: 0 } };
    }
  }

  private light(exchange: ExchangeSummary): void {
    const arrow = arrowOf(exchange);
    this.lit = { ...this.lit, [arrow]: exchange };
    clearTimeout(this.timers.get(arrow));
    this.timers.set(
      arrow,
      setTimeout(() => {
        const lit = { ...this.lit };
        delete lit[arrow];
        this.lit = lit;
      }, LIT_MS),
    );
  }

  private async open(exchange: ExchangeSummary, opener: HTMLElement): Promise<void> {
    this.opener = opener;
    this.selected = { summary: exchange, raw: undefined };
    this.engine?.send({ type: "api-exchange-raw", id: exchange.id });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>("#close-raw")?.focus();
  }

  /** Focus goes back to the row's button, so the keyboard keeps its place in the list. */
  private close(): void {
    this.selected = undefined;
    this.opener?.focus();
  }

  /** Closes an open Raw view, leaving the focus where it is (the learner moved on to another lesson). */
  closeRaw(): void {
    this.selected = undefined;
  }

  private async toggleSteps(id: number): Promise<void> {
    const opened = new Set(this.opened);
    if (!opened.delete(id)) opened.add(id);
    this.opened = opened;
    if (!opened.has(id)) return;
    await this.updateComplete;
    // The newest build is the list's last row: its steps open below what the list shows.
    this.renderRoot.querySelector(`#steps-${id}`)?.scrollIntoView({ block: "nearest" });
  }

  private clear(): void {
    this.log.clear();
    this.entries = [];
    this.opened = new Set();
  }

  /** The daemon's counts come from the API like any client's, followed only while shown. */
  private followCounts(): void {
    if (!this.visible || !this.api) {
      this.following?.abort();
      this.following = undefined;
      return;
    }
    if (this.following) return;
    this.following = new AbortController();
    const refresh = () => {
      clearTimeout(this.refreshTimer);
      this.refreshTimer = setTimeout(() => void this.refreshCounts(), 150);
    };
    void followEvents(this.api, this.following.signal, refresh, (event) => {
      const stale = staleAfter(event);
      if (stale.containers || stale.images || event.Type === "network") refresh();
    });
  }

  private async refreshCounts(): Promise<void> {
    if (!this.api) return;
    try {
      const [containers, images, networks] = await Promise.all([this.api.containers.list({ all: true }), this.api.images.list(), this.api.networks.list()]);
      this.counts = { images: images.length, containers: containers.length, running: containers.filter((c) => c.State === "running").length };
      this.networks = networkRows(networks, containers);
    } catch {
      // The counts stay as they were; the next event tries again.
    }
  }
}

customElements.define("architecture-view", ArchitectureView);

declare global {
  interface HTMLElementTagNameMap {
    "architecture-view": ArchitectureView;
  }
}
