/** What the learner has done, and where, kept in localStorage so that it survives a reload. */
export interface Progress {
  /** The lesson open last. */
  current?: string;
  /** Per lesson id, the ids of its steps done. */
  done: Record<string, string[]>;
  /** The lesson pane folded away (the terminal wider). */
  folded?: true;
}

export const PROGRESS_KEY = "drydock.progress";

/**
 * The storage is asked for when used: reading `localStorage` itself throws where a page may not
 * keep data (cookies blocked, or a docs site's cross-site iframe).
 */
export function loadProgress(storage: () => Pick<Storage, "getItem">): Progress {
  try {
    const saved = JSON.parse(storage().getItem(PROGRESS_KEY) ?? "null") as Partial<Progress> | null;
    const done: Record<string, string[]> = {};
    for (const [lesson, steps] of Object.entries(saved?.done ?? {})) {
      if (Array.isArray(steps)) done[lesson] = steps.filter((s): s is string => typeof s === "string");
    }
    return { ...(typeof saved?.current === "string" ? { current: saved.current } : {}), done, ...(saved?.folded === true ? { folded: true } : {}) };
  } catch {
    // Unreadable progress is no progress, not a page that fails to load.
    return { done: {} };
  }
}

export function saveProgress(storage: () => Pick<Storage, "setItem">, progress: Progress): void {
  try {
    storage().setItem(PROGRESS_KEY, JSON.stringify(progress));
  } catch {
    // Storage full or disabled: the progress lasts until the tab closes.
  }
}
