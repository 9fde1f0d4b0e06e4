import { LitElement, html, nothing } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { concatBytes } from "../../../shared/bytes";
import { errorMessage } from "../../../shared/errors";
import type { EngineWorkerChannel } from "../../engine-worker-channel";
import { DaemonFollower } from "../../daemon-follower";
import type { DockerClient, Stale } from "../../docker-client-over-worker";
import { openInPanel } from "../../preview/preview-open-event";
import { previewUrl } from "../../preview/preview-url";
import { containerView, imageView, layerViews, logText, type ContainerView, type ImageView, type LayerView } from "./desktop-rows";
import { styles } from "./docker-desktop.styles";
import { visuallyHidden } from "../visually-hidden.styles";

/**
 * A second Docker client in the page, like Docker Desktop's dashboard: the daemon's containers
 * and images from the Engine API, kept current by GET /events, with buttons for what a learner
 * does most. It follows the daemon only while it is shown.
 */
export class DockerDesktop extends LitElement {
  static override styles = [visuallyHidden, styles];
  static override properties = {
    engine: { attribute: false },
    containers: { state: true },
    images: { state: true },
    status: { state: true },
    failure: { state: true },
    logs: { state: true },
    layers: { state: true },
    busy: { state: true },
  };

  declare engine: EngineWorkerChannel | undefined;
  /** Undefined until the daemon first answered. */
  declare private containers: ContainerView[] | undefined;
  declare private images: ImageView[] | undefined;
  declare private status: string;
  declare private failure: string;
  declare private logs: { name: string; text: string } | undefined;
  /** The image whose layers are shown: the name its Layers button gives it, and the one the API takes. */
  declare private layers: { name: string; ref: string; rows: LayerView[] } | undefined;
  /** What an action is under way on: its buttons wait. */
  declare private busy: string | undefined;

  private readonly daemon = new DaemonFollower(this, "Drydock-Desktop", (api, stale) => this.refresh(api, stale));

  constructor() {
    super();
    this.status = "";
    this.failure = "";
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has("engine")) this.daemon.useEngine(this.engine);
  }

  override render() {
    return html`
      <p class="intro">
        Another client of the same Docker daemon as the <code>docker</code> CLI in the terminal: it speaks the same Engine API, and its requests show under
        Architecture as “this page”.
      </p>
      <p class="status" role="status">${this.status}</p>
      ${this.failure ? html`<p class="failure" role="alert">${this.failure}</p>` : nothing}
      ${this.containers === undefined ? html`<p>Waiting for the daemon…</p>` : this.renderContainers(this.containers)}
      ${this.images === undefined ? nothing : this.renderImages(this.images)} ${this.layers ? this.renderLayers(this.layers) : nothing}
      ${this.logs ? this.renderLogs(this.logs) : nothing}
    `;
  }

  private renderContainers(containers: ContainerView[]) {
    return html`<table class="containers">
      <caption>
        Containers (${containers.length})
      </caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Image</th>
          <th scope="col">Status</th>
          <th scope="col">Ports</th>
          <th scope="col"><span class="visually-hidden">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        ${containers.length === 0 ? html`<tr><td colspan="5" class="empty">None yet: <code>docker run</code> one in the terminal.</td></tr>` : nothing}
        ${repeat(
          containers,
          (c) => c.id,
          (c) => html`<tr data-name=${c.name} data-state=${c.state.toLowerCase()}>
            <th scope="row">${c.name}</th>
            <td>${c.image}</td>
            <td><span class="state ${c.running ? "running" : "stopped"}">${c.state}</span> <span class="detail">${c.status}</span></td>
            <td class="ports">
              ${c.ports.map(
                (port, i) =>
                  html`${i > 0 ? ", " : nothing}${port.hostPort
                    ? html`<a href=${previewUrl(port.hostPort)} title="Open port ${port.hostPort} in the preview" @click=${(e: MouseEvent) => openInPanel(e, this)}>${port.label}</a>`
                    : port.label}`,
              )}
            </td>
            <td class="actions">
              ${c.running
                ? html`<button ?disabled=${this.busy === c.id} aria-label="Stop ${c.name}" @click=${() => this.act(c.id, `Stopped ${c.name}.`, (api) => api.containers.stop(c.id))}>Stop</button>`
                : html`<button ?disabled=${this.busy === c.id} aria-label="Start ${c.name}" @click=${() => this.act(c.id, `Started ${c.name}.`, (api) => api.containers.start(c.id))}>Start</button>`}
              <button aria-label="Logs of ${c.name}" @click=${() => this.showLogs(c)}>Logs</button>
              <button
                ?disabled=${this.busy === c.id}
                aria-label="Remove ${c.name}"
                @click=${() => this.act(c.id, `Removed ${c.name}.`, (api) => api.containers.remove(c.id, { force: true }))}
              >
                Remove
              </button>
            </td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private renderImages(images: ImageView[]) {
    return html`<table class="images">
      <caption>
        Images (${images.length})
      </caption>
      <thead>
        <tr>
          <th scope="col">Repository:tag</th>
          <th scope="col">Image ID</th>
          <th scope="col">Size</th>
          <th scope="col"><span class="visually-hidden">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        ${images.length === 0 ? html`<tr><td colspan="4" class="empty">None yet: <code>docker pull busybox</code> fetches one.</td></tr>` : nothing}
        ${repeat(
          images,
          (i) => i.id,
          (i) => html`<tr data-name=${i.name}>
            <th scope="row">${i.name}${i.alsoTagged.length ? html` <span class="detail">also ${i.alsoTagged.join(", ")}</span>` : nothing}</th>
            <td><code>${i.shortId}</code></td>
            <td>${i.size}</td>
            <td class="actions">
              <button aria-label="Layers of ${shownName(i)}" @click=${() => this.showLayers(i)}>Layers</button>
              <button
                ?disabled=${this.busy === i.id}
                aria-label="Remove image ${shownName(i)}"
                @click=${() => this.act(i.id, `Removed ${shownName(i)}.`, (api) => api.images.remove(i.name === "<none>" ? i.id : i.name))}
              >
                Remove
              </button>
            </td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  /** Docker Desktop's image view: each instruction of the build is a layer (or a config change, 0B). */
  private renderLayers(layers: { name: string; rows: LayerView[] }) {
    return html`<section class="layers" aria-labelledby="layers-title" @keydown=${(e: KeyboardEvent) => e.key === "Escape" && this.closeLayers()}>
      <header>
        <h3 id="layers-title">Layers of ${layers.name}</h3>
        <button id="close-layers" aria-label="Close the layers of ${layers.name}" @click=${() => this.closeLayers()}>Close</button>
      </header>
      <table>
        <caption class="detail">
          Newest first: each instruction that built the image, and the size of the layer of files it made (0B: it changed only the image's settings).
        </caption>
        <thead>
          <tr>
            <th scope="col">Instruction</th>
            <th scope="col">Size</th>
          </tr>
        </thead>
        <tbody>
          ${layers.rows.map(
            (layer) => html`<tr data-layer>
              <td><code>${layer.instruction}</code></td>
              <td>${layer.size}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }

  private renderLogs(logs: { name: string; text: string }) {
    return html`<section class="logs" aria-labelledby="logs-title" @keydown=${(e: KeyboardEvent) => e.key === "Escape" && this.closeLogs()}>
      <header>
        <h3 id="logs-title">Logs of ${logs.name}</h3>
        <button id="close-logs" aria-label="Close the logs of ${logs.name}" @click=${() => this.closeLogs()}>Close</button>
      </header>
      <pre tabindex="0">${logs.text || "(no output)"}</pre>
    </section>`;
  }

  private async refresh(api: DockerClient, { containers, images }: Stale): Promise<void> {
    try {
      if (containers) this.containers = (await api.containers.list({ all: true })).map(containerView);
      if (images) this.images = (await api.images.list()).map(imageView);
      // A tag built again names a new image: its layers replace the old ones; a removed image's go.
      if (images && this.layers) await this.loadLayers(this.layers.name, this.layers.ref).catch(() => (this.layers = undefined));
    } catch (error) {
      this.failure = errorMessage(error);
    }
  }

  private async act(id: string, done: string, action: (api: DockerClient) => Promise<unknown>): Promise<void> {
    if (!this.daemon.api) return;
    this.busy = id;
    this.failure = "";
    try {
      await action(this.daemon.api);
      this.status = done;
    } catch (error) {
      this.failure = errorMessage(error);
    } finally {
      this.busy = undefined;
    }
  }

  private async showLogs(container: ContainerView): Promise<void> {
    if (!this.daemon.api) return;
    try {
      const { head, chunks } = await this.daemon.api.containers.logs(container.id, { tail: 500 });
      const parts: Uint8Array[] = [];
      for await (const chunk of chunks) parts.push(chunk);
      const multiplexed = head.headers.get("content-type") === "application/vnd.docker.multiplexed-stream";
      this.logs = { name: container.name, text: logText(concatBytes(parts), multiplexed) };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>("#close-logs")?.focus();
    } catch (error) {
      this.failure = errorMessage(error);
    }
  }

  private async showLayers(image: ImageView): Promise<void> {
    try {
      await this.loadLayers(shownName(image), image.name === "<none>" ? image.id : image.name);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>("#close-layers")?.focus();
      // Focus shows the Close button only: the layers under it are what was asked for.
      this.renderRoot.querySelector(".layers")?.scrollIntoView({ block: "nearest" });
    } catch (error) {
      this.failure = errorMessage(error);
    }
  }

  private async loadLayers(name: string, ref: string): Promise<void> {
    if (!this.daemon.api) return;
    this.layers = { name, ref, rows: layerViews(await this.daemon.api.images.history(ref)) };
  }

  private closeLayers(): void {
    const name = this.layers?.name;
    this.layers = undefined;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`button[aria-label="Layers of ${CSS.escape(name ?? "")}"]`)?.focus());
  }

  private closeLogs(): void {
    const name = this.logs?.name;
    this.logs = undefined;
    // Back to the Logs button that opened it, not lost to the page.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`button[aria-label="Logs of ${CSS.escape(name ?? "")}"]`)?.focus());
  }
}

/** An image as its buttons name it: its tag, or its short ID when it has none. */
function shownName(image: ImageView): string {
  return image.name === "<none>" ? image.shortId : image.name;
}

customElements.define("docker-desktop", DockerDesktop);

declare global {
  interface HTMLElementTagNameMap {
    "docker-desktop": DockerDesktop;
  }
}
