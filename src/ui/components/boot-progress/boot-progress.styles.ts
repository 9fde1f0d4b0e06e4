import { css } from "lit";

export const styles = css`
  :host {
    display: grid;
    gap: 0.75rem;
    width: min(28rem, 90%);
    font: 500 0.95rem/1.4 system-ui, sans-serif;
    color: #d7dde8;
  }
  progress {
    width: 100%;
    height: 0.6rem;
    accent-color: #3fa7ff;
  }
`;
