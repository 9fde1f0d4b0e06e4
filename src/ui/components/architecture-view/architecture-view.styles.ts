import { css } from "lit";

export const styles = css`
  /* The panel's height, the requests taking what the diagram leaves. */
  :host {
    display: flex;
    flex-direction: column;
    box-sizing: border-box;
    height: 100%;
    padding: 0.5rem 0.75rem;
    color: #d7dde8;
    font: 400 0.9rem/1.4 system-ui, sans-serif;
    --idle: #3a4658;
    --lit: #3fa7ff;
  }
  .diagram {
    flex: none;
    display: grid;
    grid-template-columns: minmax(14rem, 2.2fr) minmax(9rem, 1.2fr) minmax(5rem, 1fr) minmax(8rem, 1.2fr);
    align-items: center;
    gap: 0 0.25rem;
    margin: 0 0 0.75rem;
  }
  .clients {
    display: grid;
    gap: 0.4rem;
  }
  .row {
    display: grid;
    grid-template-columns: 1fr minmax(5rem, 0.8fr);
    align-items: center;
  }
  .box {
    display: grid;
    padding: 0.35rem 0.5rem;
    border: 1px solid var(--idle);
    border-radius: 6px;
    background: #141b26;
    transition: border-color 0.3s, box-shadow 0.3s;
  }
  .box.active {
    border-color: var(--lit);
    box-shadow: 0 0 0.5rem color-mix(in srgb, var(--lit) 50%, transparent);
  }
  .daemon {
    border-width: 2px;
  }
  .daemon ul {
    margin: 0.25rem 0 0;
    padding-left: 1.1rem;
  }
  .daemon ul.networks ul {
    margin: 0;
  }
  /* Addresses stay in a short panel, where the boxes' details go. */
  .addr {
    color: #8b96a8;
    font-size: 0.8rem;
  }
  .detail {
    color: #8b96a8;
    font-size: 0.8rem;
  }
  .arrow {
    position: relative;
    height: 1.6rem;
    display: flex;
    align-items: flex-end;
    justify-content: center;
  }
  .arrow::before {
    content: "";
    position: absolute;
    left: 0.2rem;
    right: 0.5rem;
    top: 50%;
    border-top: 2px solid var(--idle);
    transition: border-color 0.3s, border-width 0.3s;
  }
  .arrow::after {
    content: "";
    position: absolute;
    right: 0.1rem;
    top: calc(50% - 0.35rem);
    border: 0.35rem solid transparent;
    border-left: 0.5rem solid var(--idle);
    border-right: 0;
    transition: border-color 0.3s;
  }
  .arrow.lit::before {
    border-top: 3px solid var(--lit);
  }
  .arrow.lit::after {
    border-left-color: var(--lit);
  }
  .arrow .label {
    position: relative;
    top: -1rem;
    font: 0.7rem/1 ui-monospace, monospace;
    color: var(--lit);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    max-width: 100%;
  }
  figcaption {
    grid-column: 1 / -1;
    margin-top: 0.4rem;
    color: #8b96a8;
    font-size: 0.8rem;
  }
  .requests {
    flex: 1 1 8rem;
    min-height: 6.5rem;
    overflow: auto;
    border: 1px solid #222b38;
    /* Its 200 rows are laid out and painted apart from the page: an arrow's transition
       repainted them with it, every frame (0.1 s of the main thread in one docker run). */
    contain: content;
  }
  .requests:focus-visible,
  pre:focus-visible,
  button:focus-visible {
    outline: 2px solid var(--lit);
    outline-offset: 1px;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.82rem;
  }
  caption {
    text-align: left;
    font-weight: 600;
    padding: 0.3rem 0.5rem;
  }
  th,
  td {
    text-align: left;
    padding: 0.15rem 0.5rem;
    border-bottom: 1px solid #1b2330;
    white-space: nowrap;
  }
  thead th {
    position: sticky;
    top: 0;
    background: #0d1117;
    color: #8b96a8;
    font-weight: 500;
  }
  td.path {
    font-family: ui-monospace, monospace;
    white-space: normal;
    word-break: break-all;
  }
  td.failed {
    color: #ffb4a8;
    font-weight: 600;
  }
  tr.selected {
    background: #1b2330;
  }
  /* A build's steps, under its row; scrolled to, they clear the list's sticky header. */
  tr.steps {
    scroll-margin-top: 1.8rem;
  }
  tr.steps > td {
    padding: 0 0.5rem 0.4rem 1.5rem;
  }
  .build-steps {
    font-size: 0.78rem;
  }
  .build-steps caption {
    font-weight: 500;
    color: #8b96a8;
  }
  /* Only the list's own header stays at the top as it scrolls. */
  .build-steps thead th {
    position: static;
    background: none;
  }
  .build-steps .cached {
    color: #8fd19e;
    font-weight: 600;
  }
  .build-steps .error {
    display: block;
    color: #ffb4a8;
  }
  button {
    font: inherit;
    color: inherit;
    background: #1b2330;
    border: 1px solid var(--idle);
    border-radius: 4px;
    padding: 0 0.5rem;
    cursor: pointer;
  }
  .clear {
    float: right;
    font-weight: 400;
  }
  td.details button + button {
    margin-left: 0.25rem;
  }
  .raw header {
    display: flex;
    justify-content: space-between;
    align-items: baseline;
    gap: 1rem;
  }
  .raw h3 {
    margin: 0.5rem 0 0;
    font: 600 0.9rem ui-monospace, monospace;
    word-break: break-all;
  }
  .raw h4 {
    margin: 0.5rem 0 0.2rem;
    font-size: 0.85rem;
  }
  pre {
    margin: 0;
    max-height: 16rem;
    overflow: auto;
    background: #0b0f15;
    border: 1px solid #222b38;
    padding: 0.5rem;
    font-size: 0.78rem;
    white-space: pre-wrap;
    word-break: break-all;
  }
  .raw {
    flex: none;
  }
  .raw pre {
    max-height: 10rem;
  }
  /* A short panel (a laptop's window): the diagram in one line a box, so the requests keep
     room for several rows. */
  @container (max-height: 24rem) {
    .diagram {
      margin-bottom: 0.4rem;
    }
    .diagram .detail,
    figcaption {
      display: none;
    }
    .clients {
      gap: 0.15rem;
    }
    .box {
      padding: 0.1rem 0.4rem;
    }
    .arrow {
      height: 1.2rem;
    }
    .daemon ul {
      display: flex;
      gap: 0.8rem;
      margin: 0;
      padding: 0;
      list-style: none;
      white-space: nowrap;
    }
    /* Networks wrap inside the daemon's box, without their devices' names. */
    .daemon ul.networks {
      flex-wrap: wrap;
      column-gap: 0.8rem;
      row-gap: 0;
    }
    .networks .device {
      display: none;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .box,
    .arrow::before,
    .arrow::after {
      transition: none;
    }
  }
`;
