/** How far into the response the reader is. */
type Phase = "head" | "whole" | "size" | "data" | "data-end" | "end";

/** Longest head or chunk-size line kept: anything longer is not the HTTP the daemon writes. */
const MAX_LINE = 64 * 1024;

/**
 * An HTTP/1.1 response's body from the response's bytes as they cross, split anywhere: the head
 * skipped, chunked encoding undone (a build streams in chunks; a refusal has a length).
 */
export class ResponseBody {
  private phase: Phase = "head";
  private line = "";
  private head = "";
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
      if (line !== "") this.head += `${line}\n`;
      else this.phase = /^transfer-encoding:.*chunked/im.test(this.head) ? "size" : "whole";
    } else if (this.phase === "size") {
      this.left = parseInt(line.split(";")[0]!, 16) || 0;
      this.phase = this.left > 0 ? "data" : "end";
    } else if (this.phase === "data-end") {
      this.phase = "size";
    }
  }
}
