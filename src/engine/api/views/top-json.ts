import type { ContainerTopResponse } from "../../../shared/engine-api/containers";
import type { ProcessEntry } from "../../runtime/runtime";

/** `GET /containers/{id}/top`: `ps -ef`'s columns, as Docker's top shows them by default. */
export function topJson(processes: readonly ProcessEntry[]): ContainerTopResponse {
  const two = (n: number) => String(n).padStart(2, "0");
  const rows = processes.map((p) => {
    const cpu = Math.floor(p.cpuSeconds);
    return [
      p.uid === 0 ? "root" : String(p.uid),
      String(p.pid),
      String(p.ppid),
      "0",
      `${two(p.started.getHours())}:${two(p.started.getMinutes())}`,
      p.tty === 0 ? "?" : `pts/${(p.tty & 0xff) | ((p.tty >> 12) & 0xfff00)}`,
      `${two(Math.floor(cpu / 3600))}:${two(Math.floor(cpu / 60) % 60)}:${two(cpu % 60)}`,
      p.command,
    ];
  });
  return { Titles: ["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"], Processes: rows };
}
