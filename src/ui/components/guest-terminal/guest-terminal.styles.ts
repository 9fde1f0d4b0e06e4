import { css } from "lit";

export const styles = css`
  :host {
    display: block;
    min-height: 0;
    background: #0d1117;
  }
  #screen {
    width: 100%;
    height: 100%;
  }
`;
