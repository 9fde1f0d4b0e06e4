import { css } from "lit";

/**
 * Text for screen readers only (table headers of button columns, status announcements). Pinned
 * to its containing block's corner: left at its place in the flow, an element at the end of a
 * long pane sat far below the window, and the whole page scrolled to reach it.
 */
export const visuallyHidden = css`
  .visually-hidden {
    position: absolute;
    top: 0;
    left: 0;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
