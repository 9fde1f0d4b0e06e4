import { css } from "lit";
import { panel } from "../panel.styles";
import { visuallyHidden } from "../visually-hidden.styles";

export const styles = [
  panel,
  visuallyHidden,
  css`
    .intro,
    .empty {
      margin: 0 0 0.5rem;
      color: #8b96a8;
    }
    .failure {
      margin: 0 0 0.5rem;
      color: #ffb4a8;
    }
    .actions {
      text-align: right;
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
