import { css } from "lit";

export const styles = css`
  /* A column: the header, any number of notices, and the workspace in all the height left
     (a grid's fixed rows gave it only its content's height when no notice filled their row). */
  :host {
    display: flex;
    flex-direction: column;
    height: 100vh;
    background: #0d1117;
    color: #d7dde8;
    font: 400 0.95rem/1.4 system-ui, sans-serif;
  }
  header {
    display: flex;
    align-items: baseline;
    gap: 0.75rem;
    padding: 0.5rem 1rem;
    border-bottom: 1px solid #222b38;
  }
  h1 {
    margin: 0;
    font-size: 1.1rem;
  }
  .tagline {
    color: #8b96a8;
  }
  .notice {
    margin: 0;
    padding: 0.4rem 1rem;
    background: #2a2414;
    color: #f0d58a;
  }
  .workspace {
    flex: 1 1 0;
    display: grid;
    /* The terminal first: 66rem holds 120 of its 14 px columns, as Docker's tables (docker ps)
       need; the lessons get the rest, from 20rem (a readable column) up to 34rem. */
    grid-template-columns: clamp(20rem, 100% - 66rem, 34rem) minmax(0, 1fr);
    min-height: 0;
  }
  .workspace:has(> lesson-pane[folded]) {
    grid-template-columns: auto minmax(0, 1fr);
  }
  lesson-pane {
    min-height: 0;
    overflow: auto;
    border-right: 1px solid #222b38;
  }
  .machine {
    display: flex;
    flex-direction: column;
    min-height: 0;
    min-width: 0;
  }
  .console {
    position: relative;
    display: grid;
    flex: 3 1 0;
    min-height: 10rem;
    place-items: stretch;
  }
  .waiting {
    margin: 0;
    padding: 0.3rem 1rem;
    background: #2a2414;
    color: #f0d58a;
    font-size: 0.85rem;
  }
  .tabbar {
    display: flex;
    align-items: center;
    padding: 0 0.5rem;
    border-top: 1px solid #222b38;
    background: #111722;
  }
  .tabs {
    display: flex;
    gap: 0.25rem;
  }
  [role="tab"] {
    padding: 0.4rem 0.9rem;
    border: 0;
    border-bottom: 2px solid transparent;
    background: none;
    color: #aab4c4;
    font: inherit;
    cursor: pointer;
  }
  [role="tab"][aria-selected="true"] {
    border-bottom-color: #58a6ff;
    color: #e6edf3;
  }
  .fold-panel {
    margin-left: auto;
    padding: 0.3rem 0.7rem;
    border: 0;
    background: none;
    color: #8b96a8;
    font: inherit;
    font-size: 0.85rem;
    cursor: pointer;
  }
  .fold-panel:hover {
    color: #e6edf3;
  }
  .fold-panel:focus-visible,
  [role="tab"]:focus-visible {
    outline: 2px solid #58a6ff;
    outline-offset: -2px;
  }
  .panel {
    flex: 2 1 0;
    min-height: 0;
    overflow: auto;
    /* Its views lay themselves out by the room it has (the architecture view's diagram shrinks in a short one). */
    container-type: size;
  }
  .panel[hidden] {
    display: none;
  }
  @media (max-width: 50rem) {
    .workspace,
    .workspace:has(> lesson-pane[folded]) {
      grid-template-columns: 1fr;
      grid-template-rows: minmax(12rem, 1fr) 2fr;
    }
    .workspace:has(> lesson-pane[folded]) {
      grid-template-rows: auto 1fr;
    }
    lesson-pane {
      border-right: 0;
      border-bottom: 1px solid #222b38;
    }
  }
  guest-terminal {
    /* Its track's width, not its content's: xterm.js at the old size would hold it wider, and
       the fit would shrink it a few columns a frame, each a resize for the guest. */
    min-width: 0;
    padding: 0.5rem;
  }
  guest-terminal.hidden {
    visibility: hidden;
  }
  boot-progress,
  .error {
    position: absolute;
    inset: 0;
    margin: auto;
    height: fit-content;
  }
  .error {
    width: min(44rem, 92%);
    padding: 1rem 1.25rem;
    border: 1px solid #f85149;
    border-radius: 0.5rem;
    background: #2d1417;
  }
  .error h2 {
    margin: 0 0 0.5rem;
    font-size: 1rem;
    color: #ff7b72;
  }
  .error pre {
    margin: 0;
    white-space: pre-wrap;
    font: 0.85rem/1.4 ui-monospace, monospace;
  }
`;
