import { LitElement, html, nothing } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { errorMessage } from "../../../shared/errors";
import type { EngineWorkerChannel } from "../../engine-worker-channel";
import { DaemonFollower } from "../../daemon-follower";
import type { DockerClient, Stale } from "../../docker-client-over-worker";
import { previewUrl } from "../../preview/preview-url";
import { publishedPorts, type PublishedPort } from "../../preview/published-ports";
import { styles } from "./port-preview.styles";

/**
 * The Ports panel: the ports the running containers publish on the Docker host, and a frame that
 * shows one's pages, as a browser on that host would (the app's service worker answers
 * preview/<port>/..., and the page carries each request through the engine to the container).
 */
export class PortPreview extends LitElement {
  static override styles = styles;
  static override properties = {
    engine: { attribute: false },
    ports: { state: true },
    shown: { state: true },
    waiting: { state: true },
    failure: { state: true },
  };

  declare engine: EngineWorkerChannel | undefined;
  /** Undefined until the daemon first answered. */
  declare private ports: PublishedPort[] | undefined;
  /** The preview address in the frame. */
  declare private shown: string | undefined;
  /** An address asked for before the service worker could answer it. */
  declare private waiting: string | undefined;
  declare private failure: string;

  private readonly daemon = new DaemonFollower(this, "Drydock-Ports", (api, stale) => this.refresh(api, stale));

  constructor() {
    super();
    this.failure = "";
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has("engine")) this.daemon.useEngine(this.engine);
  }

  /**
   * Shows a preview address (preview/<port>/...) in the frame. The service worker answers those,
   * so the frame waits until it is active: before that the address would reach the web server.
   */
  async open(url: string): Promise<void> {
    this.failure = "";
    if (!("serviceWorker" in navigator)) {
      this.failure = "The preview is answered by the app's service worker, and this browser runs none here (a private window may not).";
      return;
    }
    this.waiting = url;
    await navigator.serviceWorker.ready;
    if (this.waiting !== url) return;
    this.waiting = undefined;
    this.shown = url;
  }

  override render() {
    return html`
      <p class="intro">
        The ports containers publish with <code>-p</code>, on the Docker host. <strong>Open</strong> shows one's web page here, as a browser on that host would see
        it: the request goes from this page to the engine, into the VM and to the container's server.
      </p>
      ${this.failure ? html`<p class="failure" role="alert">${this.failure}</p>` : nothing}
      ${this.ports === undefined ? html`<p>Waiting for the daemon…</p>` : this.renderPorts(this.ports)}
      ${this.waiting ? html`<p role="status">Starting the preview…</p>` : nothing} ${this.shown ? this.renderFrame(this.shown) : nothing}
    `;
  }

  private renderPorts(ports: PublishedPort[]) {
    return html`<table>
      <caption>
        Published ports (${ports.length})
      </caption>
      <thead>
        <tr>
          <th scope="col">Container</th>
          <th scope="col">Port</th>
          <th scope="col"><span class="visually-hidden">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        ${ports.length === 0
          ? html`<tr>
              <td colspan="3" class="empty">None yet: <code>docker run -d -p 8080:80 --name site busybox httpd -f -p 80</code> publishes one.</td>
            </tr>`
          : nothing}
        ${repeat(
          ports,
          (p) => `${p.container}:${p.label}`,
          (p) => html`<tr data-port=${p.hostPort}>
            <th scope="row">${p.container}</th>
            <td><code>${p.label}</code></td>
            <td class="actions"><button aria-label="Open port ${p.hostPort} of ${p.container}" @click=${() => this.open(previewUrl(p.hostPort))}>Open</button></td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private renderFrame(url: string) {
    const where = url.replace(/^.*?\/preview\/(\d+)/, "localhost:$1");
    return html`<section class="preview" aria-label="Preview of ${where}">
      <header>
        <a href=${url} target="_blank" rel="noopener" title="Open in a new tab">http://${where}</a>
        <span class="buttons">
          <button aria-label="Reload the preview" @click=${() => this.reload()}>Reload</button>
          <button aria-label="Close the preview" @click=${() => (this.shown = undefined)}>Close</button>
        </span>
      </header>
      <iframe src=${url} title="The page at http://${where} on the Docker host"></iframe>
    </section>`;
  }

  private reload(): void {
    this.renderRoot.querySelector("iframe")?.contentWindow?.location.reload();
  }

  /** Published ports change with the containers: an image's event leaves them as they are. */
  private async refresh(api: DockerClient, stale: Stale): Promise<void> {
    if (!stale.containers) return;
    try {
      this.ports = publishedPorts(await api.containers.list());
    } catch (error) {
      this.failure = errorMessage(error);
    }
  }
}

customElements.define("port-preview", PortPreview);

declare global {
  interface HTMLElementTagNameMap {
    "port-preview": PortPreview;
  }
}
