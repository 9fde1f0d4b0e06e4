import { css } from "lit";
import { visuallyHidden } from "../visually-hidden.styles";

export const styles = [
  visuallyHidden,
  css`
    :host {
      display: block;
      padding: 0.5rem 0.75rem;
      color: #d7dde8;
      font: 400 0.9rem/1.4 system-ui, sans-serif;
    }
    .intro,
    .empty {
      margin: 0 0 0.5rem;
      color: #8b96a8;
    }
    .failure {
      margin: 0 0 0.5rem;
      color: #ffb4a8;
    }
    table {
      width: 100%;
      border-collapse: collapse;
      margin-bottom: 0.75rem;
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
    }
    thead th {
      color: #8b96a8;
      font-weight: 500;
    }
    .actions {
      text-align: right;
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
    button:hover {
      background: #263043;
    }
    button:focus-visible,
    a:focus-visible {
      outline: 2px solid #3fa7ff;
      outline-offset: 1px;
    }
    .preview header {
      display: flex;
      justify-content: space-between;
      align-items: baseline;
      gap: 0.5rem;
      margin-bottom: 0.25rem;
    }
    .preview a {
      color: #7cc4ff;
      font-family: ui-monospace, monospace;
      overflow-wrap: anywhere;
    }
    .buttons {
      white-space: nowrap;
    }
    iframe {
      display: block;
      width: 100%;
      height: max(12rem, 75cqh);
      border: 1px solid #3a4658;
      border-radius: 4px;
      background: #fff;
    }
  `,
];
