import { css } from "lit";
import { panel } from "../panel.styles";

export const styles = [
  panel,
  css`
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
`,
];
