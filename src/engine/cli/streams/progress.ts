import { DrydockError } from "../../../shared/errors";
import type { CliOutput } from "../io";
import { humanSize } from "../../../shared/human-size";
import { jsonLines } from "../../client/json-lines";

interface Progress {
  current?: number;
  total?: number;
}

/** One message of a pull's (or build's) JSON stream. */
export interface JsonMessage {
  status?: string;
  id?: string;
  progressDetail?: Progress;
  progress?: string;
  stream?: string;
  error?: string;
  errorDetail?: { message?: string };
  /** Out-of-band data (a build's image ID): not shown. */
  aux?: unknown;
}

/**
 * docker/pkg/jsonmessage's display: on a terminal each layer keeps its own line, redrawn in
 * place (cursor up, clear, rewrite, cursor down) with a progress bar; elsewhere one line per
 * status, without the bars. A message carrying an error ends the stream with it.
 */
export async function displayJsonMessages(chunks: AsyncIterable<Uint8Array>, out: CliOutput, width: number): Promise<void> {
  let ids = new Map<string, number>();
  const show = async (message: JsonMessage) => {
    if (message.aux !== undefined) return;
    let diff = 0;
    let text = "";
    if (message.id && (message.progressDetail || message.progress)) {
      let line = ids.get(message.id);
      if (line === undefined) {
        line = ids.size;
        ids.set(message.id, line);
        if (out.isTty) text += "\n";
      }
      diff = ids.size - line;
      if (out.isTty && diff > 0) text += `\x1b[${diff}A`;
    } else {
      ids = new Map();
    }
    const error = message.errorDetail?.message ?? message.error;
    if (error !== undefined) {
      if (text) await out.write(text);
      throw new DrydockError("Unavailable", error);
    }
    text += render(message, out.isTty, width);
    // Not by 0: a terminal reads "down 0" as down 1.
    if (message.id && out.isTty && diff > 0) text += `\x1b[${diff}B`;
    await out.write(text);
  };
  for await (const message of jsonLines<JsonMessage>(chunks)) await show(message);
}

function render(message: JsonMessage, tty: boolean, width: number): string {
  let endl = "";
  let text = "";
  const bar = message.progressDetail ? progressBar(message.progressDetail, width) : "";
  if (tty && !message.stream && message.progressDetail) {
    endl = "\r";
    text += "\x1b[2K\r";
  } else if (message.progressDetail && bar !== "") {
    return ""; // no progress bars off a terminal
  }
  if (message.id) text += `${message.id}: `;
  if (message.progressDetail && tty) return `${text}${message.status ?? ""} ${bar}${endl}`;
  if (message.progress) return `${text}${message.status ?? ""} ${message.progress}${endl}`;
  if (message.stream) return `${text}${message.stream}${endl}`;
  return `${text}${message.status ?? ""}${endl}\n`;
}

// jsonmessage's JSONProgress.String: "[====>    ]  1.2MB/2.2MB", the bar only on wide terminals.
function progressBar({ current = 0, total = 0 }: Progress, width: number): string {
  if (current <= 0 && total <= 0) return "";
  if (total <= 0) return humanSize(current).padStart(8);
  const percentage = Math.min(50, Math.floor(Math.floor((current / total) * 100) / 2));
  const box = width > 110 ? `[${"=".repeat(percentage)}>${" ".repeat(Math.max(0, 50 - percentage))}] ` : "";
  const numbers = current > total ? humanSize(current).padStart(8) : `${humanSize(current).padStart(8)}/${humanSize(total)}`;
  return box + numbers;
}
