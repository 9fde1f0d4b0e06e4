import { css } from "lit";

/** The tab panels' common look (Desktop, Ports): text, tables of the daemon's objects, buttons. */
export const panel = css`
  :host {
    display: block;
    padding: 0.5rem 0.75rem;
    color: #d7dde8;
    font: 400 0.9rem/1.4 system-ui, sans-serif;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    margin-bottom: 1rem;
  }
  caption {
    text-align: left;
    font-weight: 600;
    padding: 0.25rem 0;
  }
  th,
  td {
    text-align: left;
    padding: 0.3rem 0.5rem;
    border-bottom: 1px solid #222b38;
    vertical-align: top;
  }
  thead th {
    color: #8b96a8;
    font-weight: 500;
  }
  button {
    font: inherit;
    color: inherit;
    background: #1b2330;
    border: 1px solid #3a4658;
    border-radius: 4px;
    padding: 0.1rem 0.6rem;
    cursor: pointer;
  }
  button:hover:not(:disabled) {
    background: #263043;
  }
  button:focus-visible {
    outline: 2px solid #3fa7ff;
    outline-offset: 1px;
  }
  button:disabled {
    opacity: 0.5;
    cursor: progress;
  }
`;
