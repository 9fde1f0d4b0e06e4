/** The learner's shell prompt (PS1 in guest/rootfs/etc/profile) as the console shows it, unanchored. */
const PS1 = String.raw`root@drydock:[^\r\n]*# `;

/** busybox's cursor-position query, which its shell writes after the prompt when no input waits. */
const CURSOR_QUERY = String.raw`\x1b\[6n`;

/** The prompt at the console's end, with or without the cursor query after it. */
export const PROMPT = new RegExp(`${PS1}(${CURSOR_QUERY})?$`);

/** The prompt and its cursor query: once the terminal has answered, keystrokes follow the answer. */
export const PROMPT_ASKED = new RegExp(`${PS1}${CURSOR_QUERY}$`);

/** The prompt line and whatever has been typed after it since. */
export const PROMPT_LINE = new RegExp(`${PS1}[^\\r\\n]*$`);
