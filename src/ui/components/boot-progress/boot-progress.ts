import { LitElement, html } from "lit";
import type { BootProgress } from "../../../shared/boot";
import { styles } from "./boot-progress.styles";

const mib = (bytes: number) => (bytes / 1048576).toFixed(1);

/** The boot progress bar: bytes fetched of the total, then "Starting the VM". */
export class BootProgressElement extends LitElement {
  static override styles = styles;
  static override properties = { progress: { attribute: false } };

  declare progress: BootProgress | undefined;

  override render() {
    const p = this.progress;
    const fetching = p?.phase === "fetching";
    const value = fetching ? p.loadedBytes : 1;
    const max = fetching ? Math.max(p.totalBytes, 1) : 1;
    const label = !p
      ? "Loading Drydock…"
      : fetching
        ? `Fetching the VM: ${mib(p.loadedBytes)} of ${mib(p.totalBytes)} MiB`
        : p.mode === "snapshot"
          ? "Starting the VM…"
          : "Starting the VM (cold boot, a few seconds)…";
    return html`<label id="label">${label}</label>
      <progress aria-labelledby="label" value=${value} max=${max}></progress>`;
  }
}

customElements.define("boot-progress", BootProgressElement);

declare global {
  interface HTMLElementTagNameMap {
    "boot-progress": BootProgressElement;
  }
}
