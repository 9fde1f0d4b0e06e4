import { css } from "lit";

export const styles = css`
  :host {
    display: block;
    padding: 0.75rem 1rem 2rem;
    color: #d7dde8;
    font: 400 0.95rem/1.5 system-ui, sans-serif;
  }
  .fold {
    float: right;
    margin: 0.45rem 0 0 0.5rem;
  }
  :host([folded]) {
    padding: 0.5rem 0.3rem;
  }
  :host([folded]) .fold {
    float: none;
    margin: 0;
    padding: 0.6rem 0.2rem;
    writing-mode: vertical-rl;
  }
  /* The app puts the lessons above the terminal at this width (drydock-app.styles.ts). */
  @media (max-width: 50rem) {
    :host([folded]) .fold {
      padding: 0.2rem 0.6rem;
      writing-mode: horizontal-tb;
    }
  }
  h2 {
    margin: 0.5rem 0;
    font-size: 1.15rem;
  }
  h3 {
    margin: 0;
    font-size: 1rem;
  }
  ol {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  button {
    font: inherit;
    color: inherit;
    background: #1b2330;
    border: 1px solid #33405a;
    border-radius: 4px;
    padding: 0.15rem 0.6rem;
    cursor: pointer;
  }
  button:hover {
    background: #243047;
  }
  button:focus-visible,
  summary:focus-visible,
  a:focus-visible {
    outline: 2px solid #7cc4ff;
    outline-offset: 2px;
  }
  .lessons {
    display: grid;
    gap: 0.25rem;
    margin-bottom: 1rem;
  }
  .lesson {
    display: flex;
    justify-content: space-between;
    gap: 0.5rem;
    width: 100%;
    text-align: left;
  }
  .lesson[aria-current="page"] {
    border-color: #3fa7ff;
  }
  .count,
  .meta,
  .advice {
    margin: 0.4rem 0;
    padding: 0.2rem 0.6rem;
    border-left: 3px solid #f0d58a;
    color: #f0d58a;
  }
  .reason {
    color: #8b96a8;
  }
  .steps {
    display: grid;
    gap: 0.75rem;
  }
  .step {
    padding: 0.6rem 0.75rem;
    border: 1px solid #222b38;
    border-left: 4px solid #33405a;
    border-radius: 4px;
  }
  .step[data-state="done"] {
    border-left-color: #3fb950;
  }
  .state {
    margin: 0.1rem 0 0.4rem;
    font-size: 0.85rem;
    color: #8b96a8;
  }
  .step[data-state="done"] .state {
    color: #56d364;
    font-weight: 600;
  }
  .commands {
    display: grid;
    /* A long command wraps in its own box instead of widening the pane (which leaves the
       terminal its room): read whole, where a scrolling box showed its first words. */
    grid-template-columns: minmax(0, 1fr);
    gap: 0.3rem;
    margin: 0.5rem 0;
  }
  .command {
    display: flex;
    /* Run and Copy go under a command too long to have them beside it. */
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4rem;
    padding: 0.3rem 0.5rem;
    background: #161b22;
    border-radius: 4px;
  }
  .command code {
    flex: 1 1 auto;
    min-width: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  /* A heredoc's line too long for the pane goes on under a hanging indent; a blank one keeps its height. */
  .command code .line {
    display: block;
    min-height: 1lh;
    padding-left: 2ch;
    text-indent: -2ch;
  }
  .actions {
    display: flex;
    gap: 0.4rem;
    margin-left: auto;
  }
  code,
  pre {
    font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace;
    font-size: 0.85rem;
  }
  pre {
    overflow-x: auto;
    padding: 0.4rem 0.5rem;
    background: #161b22;
    border-radius: 4px;
  }
  .prose p {
    margin: 0.4rem 0;
  }
  .prose ul,
  .prose ol {
    padding-left: 1.25rem;
    list-style: revert;
  }
  a {
    color: #7cc4ff;
  }
  details {
    margin: 0.4rem 0;
  }
  summary {
    cursor: pointer;
    color: #f0d58a;
  }
  .recap {
    margin-top: 1rem;
    padding: 0.25rem 0.75rem;
    border-left: 3px solid #30363d;
  }
  .recap[data-state="done"] {
    border-left-color: #56d364;
  }
  .recap h3 {
    margin: 0.4rem 0 0;
  }
  .next {
    margin-top: 1rem;
  }
`;
