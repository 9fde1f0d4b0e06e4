/**
 * encoding/json's text: JSON.stringify's, with "<", ">" and "&" escaped as json.Marshal escapes
 * them (and the two line separators JavaScript leaves), so files and inspect output match Go's.
 */
export function goJson(value: unknown, indent?: string): string {
  return JSON.stringify(value, null, indent).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
