import type { Group, Verb } from "../command";
import type { FlagSpec } from "../flags/flag-spec";
import { commandList, flagUsages } from "../help";
import { prune as builderPrune } from "./builder/prune";
import { attach } from "./container/attach";
import { commit } from "./container/commit";
import { diff } from "./container/diff";
import { create } from "./container/create";
import { exec } from "./container/exec";
import { inspect as containerInspect } from "./container/inspect";
import { kill } from "./container/kill";
import { logs } from "./container/logs";
import { ls as containerLs } from "./container/ls";
import { pause } from "./container/pause";
import { prune as containerPrune } from "./container/prune";
import { rename } from "./container/rename";
import { restart } from "./container/restart";
import { rm as containerRm } from "./container/rm";
import { run } from "./container/run";
import { start } from "./container/start";
import { stats } from "./container/stats";
import { stop } from "./container/stop";
import { top } from "./container/top";
import { unpause } from "./container/unpause";
import { wait } from "./container/wait";
import { port } from "./container/port";
import { create as contextCreate } from "./context/create";
import { inspect as contextInspect } from "./context/inspect";
import { ls as contextLs } from "./context/ls";
import { rm as contextRm } from "./context/rm";
import { show as contextShow } from "./context/show";
import { update as contextUpdate } from "./context/update";
import { use as contextUse } from "./context/use";
import { build } from "./image/build";
import { history } from "./image/history";
import { inspect as imageInspect } from "./image/inspect";
import { ls as imageLs } from "./image/ls";
import { prune as imagePrune } from "./image/prune";
import { pull } from "./image/pull";
import { rm as imageRm } from "./image/rm";
import { tag } from "./image/tag";
import { inspect } from "./inspect";
import { connect as networkConnect } from "./network/connect";
import { disconnect as networkDisconnect } from "./network/disconnect";
import { create as networkCreate } from "./network/create";
import { inspect as networkInspect } from "./network/inspect";
import { ls as networkLs } from "./network/ls";
import { prune as networkPrune } from "./network/prune";
import { rm as networkRm } from "./network/rm";
import { df } from "./system/df";
import { events } from "./system/events";
import { info } from "./system/info";
import { prune as systemPrune } from "./system/prune";
import { version } from "./system/version";

export const GROUPS: Group[] = [
  { name: "builder", short: "Manage builds", verbs: [build, builderPrune] },
  {
    name: "container",
    short: "Manage containers",
    verbs: [attach, commit, create, diff, exec, containerInspect, kill, logs, containerLs, pause, port, containerPrune, rename, restart, containerRm, run, start, stats, stop, top, unpause, wait],
  },
  { name: "context", short: "Manage contexts", verbs: [contextCreate, contextInspect, contextLs, contextRm, contextShow, contextUpdate, contextUse] },
  { name: "image", short: "Manage images", verbs: [build, history, imageInspect, imageLs, imagePrune, pull, imageRm, tag] },
  { name: "network", short: "Manage networks", verbs: [networkConnect, networkCreate, networkDisconnect, networkInspect, networkLs, networkPrune, networkRm] },
  { name: "system", short: "Manage Docker", verbs: [df, events, info, systemPrune] },
];

/** The top-level commands: docker ps is docker container ls, docker rmi is docker image rm. */
export const SHORTCUTS: { name: string; verb: Verb }[] = [
  { name: "attach", verb: attach },
  { name: "build", verb: build },
  { name: "commit", verb: commit },
  { name: "create", verb: create },
  { name: "diff", verb: diff },
  { name: "events", verb: events },
  { name: "exec", verb: exec },
  { name: "history", verb: history },
  { name: "images", verb: imageLs },
  { name: "info", verb: info },
  { name: "inspect", verb: inspect },
  { name: "kill", verb: kill },
  { name: "logs", verb: logs },
  { name: "pause", verb: pause },
  { name: "port", verb: port },
  { name: "ps", verb: containerLs },
  { name: "pull", verb: pull },
  { name: "rename", verb: rename },
  { name: "restart", verb: restart },
  { name: "rm", verb: containerRm },
  { name: "rmi", verb: imageRm },
  { name: "run", verb: run },
  { name: "start", verb: start },
  { name: "stats", verb: stats },
  { name: "stop", verb: stop },
  { name: "tag", verb: tag },
  { name: "top", verb: top },
  { name: "unpause", verb: unpause },
  { name: "version", verb: version },
  { name: "wait", verb: wait },
];

const COMMON = ["run", "exec", "ps", "build", "pull", "images", "version", "info"];

/** `docker` and `docker --help`: Docker's sections, listing what this CLI has. */
export function topHelp(globalFlags: FlagSpec[], cols: number): string {
  const entry = (name: string) => ({ name, short: SHORTCUTS.find((s) => s.name === name)!.verb.short });
  const common = COMMON.map(entry);
  const rest = SHORTCUTS.filter((s) => !COMMON.includes(s.name)).map((s) => ({ name: s.name, short: s.verb.short }));
  return `Usage:  docker [OPTIONS] COMMAND

A self-sufficient runtime for containers

Common Commands:
${commandList(common)}
Management Commands:
${commandList(GROUPS)}
Commands:
${commandList(rest)}
Global Options:
${flagUsages(globalFlags, cols - 1).trimEnd()}

Run 'docker COMMAND --help' for more information on a command.
`;
}
