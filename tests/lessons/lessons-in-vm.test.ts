import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveConnection } from "../../src/engine/api/http/server";
import { tapConnection } from "../../src/engine/api/tap/tap-connection";
import { LESSON_CHECK_ENV } from "../../src/engine/cli/guest-cli";
import { DockerClient } from "../../src/engine/client/docker-client";
import { EngineHttpClient } from "../../src/engine/client/engine-http-client";
import { runInGuest } from "../../src/engine/machine/guest-run";
import { bytePipe } from "../../src/shared/byte-pipe";
import { evaluateChecks, type CheckContext } from "../../src/ui/lessons/checks";
import { RequestLog } from "../../src/ui/lessons/request-log";
import { typeLine } from "../support/console";
import { startEngineServer, type EngineServer } from "../support/engine-server";
import { readLessons } from "./read-lessons";

describe("the lessons, typed on the real VM's console", () => {
  let server: EngineServer;
  const requests = new RequestLog();
  let context: Omit<CheckContext, "requests">;
  /** The checks as the lesson pane runs them for a step that became the one to do at `mark`. */
  const checksSince = (mark: number): CheckContext => ({ ...context, requests: () => requests.since(mark) });

  beforeAll(async () => {
    server = await startEngineServer({ tap: { onExchange: (exchange) => requests.record(exchange.summary()) } });
    // The checks' own API connections are tapped as "this page", as the page's are, so that a
    // request check never passes on a request the checks made.
    const dial = () => {
      const [client, daemon] = bytePipe();
      serveConnection(tapConnection(daemon, "this page", { onExchange: (exchange) => requests.record(exchange.summary()) }), server.engine.handle);
      return Promise.resolve(client);
    };
    context = {
      api: new DockerClient(new EngineHttpClient(dial, "drydock://test", "lessons-test")),
      runInGuest: (command) => runInGuest(server.machine.agent, command, { env: [LESSON_CHECK_ENV] }),
    };
  });

  afterAll(async () => {
    context?.api.close();
    await server?.stop();
  });

  for (const lesson of readLessons()) {
    it(`${lesson.order}. ${lesson.title}: every step's check fails before its commands run and passes after`, async () => {
      // As the pane credits them: a step's requests count from when the step before it began,
      // so the previous step's commands must not already pass it.
      let previous: number | undefined;
      for (const step of lesson.steps) {
        const name = `${lesson.id}/${step.id}`;
        const began = requests.mark();
        const mark = previous ?? began;
        previous = began;
        expect(await evaluateChecks(step.checks, checksSince(mark)), `${name} before its commands`).toMatchObject({ passed: false });
        const printed: string[] = [];
        for (const block of step.blocks) {
          if (block.kind === "run") for (const command of block.commands) printed.push(await typeLine(server.machine, command, 30_000));
        }
        const result = await evaluateChecks(step.checks, checksSince(mark));
        expect(result, `${name}; the console printed:\n${printed.join("")}`).toEqual({ passed: true });
      }
    });
  }
});
