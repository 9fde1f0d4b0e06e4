// BuildKit's "(did you mean ...?)" after an unknown instruction or flag (util/suggest): the
// closest known word within two edits.

/** `message` with the suggestion for `value` appended, when one is close enough. */
export function withSuggestion(message: string, value: string, options: Iterable<string>, caseSensitive: boolean): string {
  const match = closest(value, options, caseSensitive);
  return match === undefined ? message : `${message} (did you mean ${match}?)`;
}

function closest(value: string, options: Iterable<string>, caseSensitive: boolean): string | undefined {
  const wanted = caseSensitive ? value : value.toLowerCase();
  let match: string | undefined;
  let best = 3;
  for (const option of options) {
    const candidate = caseSensitive ? option : option.toLowerCase();
    // An exact match means the error is about something else.
    if (candidate === wanted) return undefined;
    const distance = levenshtein(wanted, candidate);
    if (distance < best) {
      match = caseSensitive ? candidate : matchCase(candidate, value);
      best = distance;
    }
  }
  return match;
}

/** The suggestion in the case the word was typed in: RUNN gives RUN, runn gives run. */
function matchCase(option: string, typed: string): string {
  if (typed === typed.toLowerCase()) return option.toLowerCase();
  if (typed === typed.toUpperCase()) return option.toUpperCase();
  return option;
}

/** Insertions, deletions and substitutions, one each, counted in characters. */
function levenshtein(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  let previous = right.map((_, j) => j + 1);
  previous.unshift(0);
  for (let i = 0; i < left.length; i++) {
    const row = [i + 1];
    for (let j = 0; j < right.length; j++) {
      row.push(Math.min(previous[j + 1]! + 1, row[j]! + 1, previous[j]! + (left[i] === right[j] ? 0 : 1)));
    }
    previous = row;
  }
  return previous[right.length]!;
}
