/** How far into the response the reader is. */
type Phase = "head" | "whole" | "size" | "data" | "data-end" | "end";

/** Longest head or chunk-size line kept: anything longer is not the HTTP the daemon writes. */
const MAX_LINE = 64 * 1024;

/** A response's status line and headers, as the server wrote them (names in their own case, in order). */
export interface ResponseHead {
  status: number;
  statusText: string;
  headers: [string, string][];
}

/**
 * An HTTP/1.1 response's body from the response's bytes as they cross, split anywhere: the head
 * read apart, chunked encoding undone (a build streams in chunks; a refusal has a length; a
 * preview's page may be either, or run to the connection's end).
 */
export class ResponseBody {
  /** Once the bytes pushed held the whole head; a status line that is not HTTP's reads as status 0. */
  head: ResponseHead | undefined;
  private phase: Phase = "head";
  private line = "";
  private lines: string[] = [];
  private left = 0;

  /** The body's bytes among these. */
  push(bytes: Uint8Array): Uint8Array[] {
    const body: Uint8Array[] = [];
    let i = 0;
    while (i < bytes.length && this.phase !== "end") {
      if (this.phase === "whole") {
        body.push(bytes.subarray(i));
        break;
      }
      if (this.phase === "data") {
        const n = Math.min(this.left, bytes.length - i);
        body.push(bytes.subarray(i, i + n));
        i += n;
        this.left -= n;
        if (this.left === 0) this.phase = "data-end";
        continue;
      }
      const byte = bytes[i++]!;
      if (byte !== 10) {
        if (this.line.length < MAX_LINE) this.line += String.fromCharCode(byte);
        continue;
      }
      const line = this.line.replace(/\r$/, "");
      this.line = "";
      this.readLine(line);
    }
    return body;
  }

  private readLine(line: string): void {
    if (this.phase === "head") {
      if (line !== "") this.lines.push(line);
      else this.endHead();
    } else if (this.phase === "size") {
      this.left = parseInt(line.split(";")[0]!, 16) || 0;
      this.phase = this.left > 0 ? "data" : "end";
    } else if (this.phase === "data-end") {
      this.phase = "size";
    }
  }

  private endHead(): void {
    const [statusLine = "", ...fields] = this.lines;
    const status = /^HTTP\/\d\.\d (\d{3})(?: (.*))?$/.exec(statusLine);
    const headers = fields.flatMap((field): [string, string][] => {
      const colon = field.indexOf(":");
      return colon > 0 ? [[field.slice(0, colon).trim(), field.slice(colon + 1).trim()]] : [];
    });
    this.head = { status: status ? Number(status[1]) : 0, statusText: status?.[2] ?? "", headers };
    const chunked = headers.some(([name, value]) => name.toLowerCase() === "transfer-encoding" && /chunked/i.test(value));
    this.phase = chunked ? "size" : "whole";
  }
}
