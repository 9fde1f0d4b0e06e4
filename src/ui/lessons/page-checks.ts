import { dockerClientOverWorker } from "../docker-client-over-worker";
import type { EngineMessages } from "../engine-worker-channel";
import type { CheckContext, GuestRunResult } from "./checks";

let nextId = 1;

/** The checks' view from the page: the worker's Engine API, and its guest-run messages; the lesson pane adds the requests it has heard of. */
export function pageCheckContext(engine: EngineMessages): Omit<CheckContext, "requests"> {
  return {
    api: dockerClientOverWorker(engine, "Drydock-Lessons"),
    runInGuest: (command) => guestRun(engine, command),
  };
}

function guestRun(engine: EngineMessages, command: string): Promise<GuestRunResult> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const subscription = engine.on((message) => {
      if ((message.type !== "guest-run-result" && message.type !== "guest-run-error") || message.id !== id) return;
      subscription.dispose();
      if (message.type === "guest-run-error") reject(new Error(message.message));
      else resolve({ exitCode: message.exitCode, stdout: message.stdout, stderr: message.stderr });
    });
    engine.send({ type: "guest-run", id, command });
  });
}
