import { LitElement, html, nothing } from "lit";
import { unsafeHTML } from "lit/directives/unsafe-html.js";
import type { Disposable } from "../../../shared/disposable";
import { errorMessage } from "../../../shared/errors";
import type { FromEngine } from "../../../shared/worker-protocol";
import type { EngineWorkerChannel } from "../../engine-worker-channel";
import { adviceFor } from "../../lessons/advice";
import { LESSONS } from "../../lessons/bundled";
import { evaluateChecks, type CheckContext } from "../../lessons/checks";
import type { Block, Lesson, Step } from "../../lessons/lesson-format";
import { renderMarkdown } from "../../lessons/markdown";
import { pageCheckContext } from "../../lessons/page-checks";
import { loadProgress, saveProgress, type Progress } from "../../lessons/progress";
import { RequestLog } from "../../lessons/request-log";
import { styles } from "./lesson-pane.styles";
import { visuallyHidden } from "../visually-hidden.styles";
import { PromptWatch, commandName } from "../../prompt-watch";

export type LessonRunEvent = CustomEvent<{ command: string }>;

/**
 * The lessons beside the terminal: a list, and the open lesson's steps with Run and Copy
 * buttons. Each Run fires `lesson-run` (the app types the command); the open lesson's checks
 * run whenever the shell's prompt comes back, and a step once done stays done.
 */
export class LessonPane extends LitElement {
  static override styles = [visuallyHidden, styles];
  static override properties = {
    engine: { attribute: false },
    progress: { state: true },
    reasons: { state: true },
    advice: { state: true },
    copied: { state: true },
  };

  declare engine: EngineWorkerChannel | undefined;
  declare private progress: Progress;
  /** Why the first unfinished step is not done yet, once a check has said so. */
  declare private reasons: Record<string, string>;
  /** What to do about a mistake seen in the waiting step's requests (a name taken, an image the hub lacks). */
  declare private advice: Record<string, string>;
  declare private copied: string | undefined;

  private subscription: Disposable | undefined;
  private listening: EngineWorkerChannel | undefined;
  private checks: Omit<CheckContext, "requests"> | undefined;
  /** The Engine API requests the worker's tap has told of, for request checks. */
  private requests = new RequestLog();
  /** Per step, the log's mark from when it became the one to do (or the lesson opened at it). */
  private readonly marks = new Map<string, number>();
  private readonly prompt = new PromptWatch();
  private checking = false;
  private checkAgain = false;

  constructor() {
    super();
    this.progress = loadProgress(() => localStorage);
    this.reasons = {};
    this.advice = {};
  }

  private get lesson(): Lesson | undefined {
    return LESSONS.find((l) => l.id === this.progress.current) ?? LESSONS[0];
  }

  // After the first render, not on connect: the engine hands the messages kept from before the
  // UI loaded to its first listener, which must be the app (it subscribes once it has rendered).
  override updated(): void {
    if (this.engine !== this.listening) this.listen();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.listen();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopListening();
  }

  private listen(): void {
    this.stopListening();
    this.listening = this.engine;
    if (!this.engine) return;
    this.checks = pageCheckContext(this.engine);
    // A new engine numbers its exchanges from 1 again.
    this.requests = new RequestLog();
    this.marks.clear();
    this.subscription = this.engine.on((message) => this.onEngine(message));
    this.runChecks();
  }

  private stopListening(): void {
    this.subscription?.dispose();
    this.subscription = undefined;
    this.checks?.api.close();
    this.checks = undefined;
    this.listening = undefined;
  }

  // The app lays the pane out by it (a folded pane is a narrow strip).
  override willUpdate(): void {
    this.toggleAttribute("folded", Boolean(this.progress.folded));
  }

  override render() {
    const lesson = this.lesson;
    const folded = Boolean(this.progress.folded);
    // One button for both states, so that it keeps the focus when pressed.
    return html`
      <button
        class="fold"
        aria-label="Lessons"
        aria-expanded=${String(!folded)}
        aria-controls="lesson-body"
        title=${folded ? "Show the lessons" : "Fold the lessons away, for a wider terminal"}
        @click=${() => this.fold(!folded)}
      >
        <span aria-hidden="true">${folded ? "Lessons »" : "«"}</span>
      </button>
      <div id="lesson-body" ?hidden=${folded}>${this.renderBody(lesson)}</div>
    `;
  }

  private renderBody(lesson: Lesson | undefined) {
    return html`
      <nav aria-label="Lessons">
        <h2>Lessons</h2>
        <ol class="lessons">
          ${LESSONS.map((l) => {
            const done = this.doneSteps(l).length;
            return html`<li>
              <button class="lesson" aria-current=${l === lesson ? "page" : "false"} @click=${() => this.open(l)}>
                <span>${l.order}. ${l.title}</span>
                <span class="count">${done === l.steps.length ? "✓ done" : `${done}/${l.steps.length}`}</span>
              </button>
            </li>`;
          })}
        </ol>
      </nav>
      ${lesson ? this.renderLesson(lesson) : html`<p>No lessons yet.</p>`}
      <p class="visually-hidden" role="status">${this.copied ? `Copied ${commandName(this.copied)}` : ""}</p>
    `;
  }

  private renderLesson(lesson: Lesson) {
    const done = this.doneSteps(lesson);
    const index = LESSONS.indexOf(lesson);
    const next = LESSONS[index + 1];
    const complete = done.length === lesson.steps.length;
    return html`
      <article aria-labelledby="lesson-title">
        <h2 id="lesson-title">${lesson.title}</h2>
        <p class="meta">About ${lesson.minutes} minutes · ${done.length} of ${lesson.steps.length} steps done</p>
        ${lesson.intro ? html`<div class="prose">${unsafeHTML(renderMarkdown(lesson.intro))}</div>` : nothing}
        <ol class="steps">
          ${lesson.steps.map((step) => this.renderStep(step, done.includes(step.id)))}
        </ol>
        ${lesson.recap
          ? html`<section class="recap" aria-labelledby="recap-title" data-state=${complete ? "done" : "pending"}>
              <h3 id="recap-title">${complete ? "Lesson complete" : "Recap"}</h3>
              <div class="prose">${unsafeHTML(renderMarkdown(lesson.recap))}</div>
            </section>`
          : nothing}
        ${next && complete ? html`<button class="next" @click=${() => this.open(next)}>Next lesson: ${next.title}</button>` : nothing}
      </article>
    `;
  }

  private renderStep(step: Step, done: boolean) {
    const reason = this.reasons[step.id];
    return html`
      <li class="step" data-step-id=${step.id} data-state=${done ? "done" : "pending"}>
        <h3>${step.title}</h3>
        <p class="state">${done ? html`<span aria-hidden="true">✓</span> Done` : "Not done yet"}</p>
        ${step.blocks.map((block) => this.renderBlock(block))}
        ${step.hints.map((hint) => html`<details><summary>Hint</summary><div class="prose">${unsafeHTML(renderMarkdown(hint))}</div></details>`)}
        ${!done && reason ? html`<div class="reason prose">${unsafeHTML(renderMarkdown(waitingFor(step, reason)))}</div>` : nothing}
        ${!done && this.advice[step.id] ? html`<div class="advice prose">${unsafeHTML(renderMarkdown(this.advice[step.id]!))}</div>` : nothing}
      </li>
    `;
  }

  private renderBlock(block: Block) {
    if (block.kind === "prose") return html`<div class="prose">${unsafeHTML(renderMarkdown(block.markdown))}</div>`;
    return html`<div class="commands">
      ${block.commands.map(
        (command) => html`<div class="command">
          <code>${commandLines(command)}</code>
          <span class="actions">
            <button class="run" aria-label=${`Run: ${commandName(command)}`} @click=${() => this.run(command)}>Run</button>
            <button class="copy" aria-label=${`Copy: ${commandName(command)}`} @click=${() => void this.copy(command)}>${this.copied === command ? "Copied" : "Copy"}</button>
          </span>
        </div>`,
      )}
    </div>`;
  }

  private fold(folded: boolean): void {
    this.progress = { ...this.progress, folded: folded || undefined };
    saveProgress(() => localStorage, this.progress);
  }

  private open(lesson: Lesson): void {
    this.progress = { ...this.progress, current: lesson.id };
    saveProgress(() => localStorage, this.progress);
    this.reasons = {};
    this.advice = {};
    // What was run while another lesson was open does not count for this one.
    this.marks.clear();
    this.runChecks();
    // A lesson opens at its top, not at the scroll position the last one was read at.
    void this.updateComplete.then(() => this.scrollTo({ top: 0 }));
    this.dispatchEvent(new CustomEvent("lesson-open", { detail: { id: lesson.id }, bubbles: true, composed: true }));
  }

  // After a reload the learner comes back to where they were: the first step not done.
  override firstUpdated(): void {
    const lesson = this.lesson;
    if (!lesson || this.doneSteps(lesson).length === 0) return;
    this.renderRoot.querySelector(".step[data-state=pending], .recap")?.scrollIntoView({ block: "start" });
  }

  private run(command: string): void {
    this.dispatchEvent(new CustomEvent("lesson-run", { detail: { command }, bubbles: true, composed: true }));
  }

  private async copy(command: string): Promise<void> {
    // No clipboard (an insecure origin, a denied permission): the command is there to select.
    if (!(await navigator.clipboard?.writeText(command).then(() => true, () => false))) return;
    this.copied = command;
    setTimeout(() => {
      if (this.copied === command) this.copied = undefined;
    }, 1500);
  }

  private onEngine(message: FromEngine): void {
    if (message.type === "ready") this.runChecks();
    if (message.type === "api-exchange") this.requests.record(message.exchange);
    if (message.type !== "console-output") return;
    if (!this.prompt.feed(message.data)) return;
    this.runChecks();
  }

  private doneSteps(lesson: Lesson): string[] {
    return this.progress.done[lesson.id] ?? [];
  }

  /**
   * Checks the open lesson's unfinished steps in order, up to the first that is not done: a
   * later step's check (a container removed) must not pass before the steps leading to it.
   */
  private runChecks(): void {
    if (this.checking) {
      this.checkAgain = true;
      return;
    }
    const lesson = this.lesson;
    const context = this.checks;
    if (!lesson || !context) return;
    this.checking = true;
    void (async () => {
      try {
        for (const [index, step] of lesson.steps.entries()) {
          if (this.doneSteps(lesson).includes(step.id)) continue;
          const key = `${lesson.id}/${step.id}`;
          if (!this.marks.has(key)) this.marks.set(key, this.requests.mark());
          const mark = creditFrom(this.marks, lesson, index);
          const log = this.requests;
          const result = await evaluateChecks(step.checks, { ...context, requests: () => log.since(mark) }).catch((error: unknown) => ({ passed: false, reason: errorMessage(error) }));
          if (!result.passed) {
            this.reasons = { [step.id]: result.reason ?? "" };
            const advice = adviceFor(log.since(mark), HUB_IMAGES);
            this.advice = advice ? { [step.id]: advice } : {};
            break;
          }
          this.markDone(lesson, step);
        }
      } finally {
        this.checking = false;
        if (this.checkAgain) {
          this.checkAgain = false;
          this.runChecks();
        }
      }
    })();
  }

  private markDone(lesson: Lesson, step: Step): void {
    const done = { ...this.progress.done, [lesson.id]: [...this.doneSteps(lesson), step.id] };
    this.progress = { ...this.progress, done };
    this.reasons = {};
    this.advice = {};
    saveProgress(() => localStorage, this.progress);
  }
}

/** The images the lessons use: what the built-in hub is there to serve. */
const HUB_IMAGES = [...new Set(LESSONS.flatMap((lesson) => lesson.images))].sort();

/**
 * A command as shown: a heredoc's lines each in a box of its own, so that a line too long for the
 * pane wraps under a hanging indent instead of reading as two lines of the file.
 */
function commandLines(command: string) {
  const lines = command.split("\n");
  if (lines.length === 1) return command;
  return lines.map((line) => html`<span class="line">${line}</span>`);
}

/** Why a step still waits, and what to do about it, in markdown (the reasons quote commands). */
function waitingFor(step: Step, reason: string): string {
  const runs = step.blocks.some((block) => block.kind === "run");
  return `Not yet: ${reason}.${runs ? " Run this step's commands (again) to finish it." : ""}`;
}

/**
 * Where a step's requests start to count: from when the step before it became the one to do, so
 * that Run pressed while the last command still ran, or a command typed a little early, counts;
 * a request made before that (for a step two back, or before the lesson opened) does not.
 */
function creditFrom(marks: ReadonlyMap<string, number>, lesson: Lesson, index: number): number {
  const previous = lesson.steps[index - 1];
  return (previous && marks.get(`${lesson.id}/${previous.id}`)) ?? marks.get(`${lesson.id}/${lesson.steps[index]!.id}`)!;
}

customElements.define("lesson-pane", LessonPane);

declare global {
  interface HTMLElementTagNameMap {
    "lesson-pane": LessonPane;
  }
}
