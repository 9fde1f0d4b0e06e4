import { css } from "lit";

export const styles = css`
  :host {
    display: block;
    padding: 0.5rem 0.75rem;
    color: #d7dde8;
    font: 400 0.9rem/1.4 system-ui, sans-serif;
  }
  .intro {
    margin: 0 0 0.5rem;
    color: #8b96a8;
  }
  .status:empty {
    display: none;
  }
  .status,
  .failure {
    margin: 0 0 0.5rem;
  }
  .failure {
    color: #ffb4a8;
  }
  .failure::before {
    content: "Error: ";
    font-weight: 600;
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
  tbody th {
    font-weight: 600;
  }
  .state::before {
    content: "●";
    margin-right: 0.3em;
  }
  .state.running::before {
    color: #4ac26b;
  }
  .state.stopped::before {
    content: "○";
    color: #8b96a8;
  }
  .detail,
  .empty {
    color: #8b96a8;
  }
  .ports a {
    color: #7cc4ff;
  }
  .ports a:focus-visible {
    outline: 2px solid #3fa7ff;
  }
  .actions {
    white-space: nowrap;
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
  .logs header,
  .layers header {
    display: flex;
    justify-content: space-between;
    align-items: baseline;
  }
  .logs h3,
  .layers h3 {
    margin: 0;
    font-size: 1rem;
  }
  .layers caption {
    font-weight: 400;
  }
  .layers code {
    white-space: pre-wrap;
    word-break: break-all;
  }
  pre {
    max-height: 18rem;
    overflow: auto;
    background: #0b0f15;
    border: 1px solid #222b38;
    padding: 0.5rem;
    white-space: pre-wrap;
    word-break: break-all;
  }
  pre:focus-visible {
    outline: 2px solid #3fa7ff;
  }
`;
