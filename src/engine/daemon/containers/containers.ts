import type { ContainerCreateBody } from "../../../shared/engine-api/containers";
import type { Container, WaitCondition } from "../../container/container";
import type { ProcessEntry } from "../../runtime/runtime";
import type { DaemonCore } from "../core";
import type { ListOptions } from "../filters/container-filters";
import type { Filters } from "../filters/filters";
import type { LogStream, StreamSession } from "../streams";
import type { ContainerChange } from "../../../shared/engine-api/containers";
import { attach, resize, wait, type AttachOptions } from "./attach";
import { changes } from "./changes";
import { commit, type CommitOptions } from "./commit";
import { create, rename } from "./create";
import { logs, type LogsOptions } from "./logs";
import { inspect, list, stats, top, type ContainerSummary, type StatsOptions, type StatsSample } from "./monitor";
import { pause, unpause } from "./pause";
import { prune, remove, type RemoveOptions } from "./remove";
import { start } from "./start";
import { kill, restart, stop, type StopOptions } from "./stop";

/** The daemon's containers, one method per Engine API verb; each verb group lives in its own file. */
export class Containers {
  constructor(private readonly core: DaemonCore) {}

  list(filters: Filters, options: ListOptions): Promise<ContainerSummary[]> {
    return list(this.core, filters, options);
  }

  create(body: ContainerCreateBody, name: string | undefined): Promise<{ Id: string; Warnings: string[] }> {
    return create(this.core, body, name);
  }

  inspect(nameOrId: string): Promise<Container> {
    return inspect(this.core, nameOrId);
  }

  start(nameOrId: string): Promise<void> {
    return start(this.core, nameOrId);
  }

  stop(nameOrId: string, options: StopOptions): Promise<void> {
    return stop(this.core, nameOrId, options);
  }

  restart(nameOrId: string, options: StopOptions): Promise<void> {
    return restart(this.core, nameOrId, options);
  }

  kill(nameOrId: string, signal: string): Promise<void> {
    return kill(this.core, nameOrId, signal);
  }

  pause(nameOrId: string): Promise<void> {
    return pause(this.core, nameOrId);
  }

  unpause(nameOrId: string): Promise<void> {
    return unpause(this.core, nameOrId);
  }

  rename(nameOrId: string, newName: string): Promise<void> {
    return rename(this.core, nameOrId, newName);
  }

  resize(nameOrId: string, rows: number, cols: number): Promise<void> {
    return resize(this.core, nameOrId, rows, cols);
  }

  wait(nameOrId: string, condition: WaitCondition): Promise<{ exitCode: Promise<number> }> {
    return wait(this.core, nameOrId, condition);
  }

  attach(nameOrId: string, options: AttachOptions): Promise<StreamSession> {
    return attach(this.core, nameOrId, options);
  }

  logs(nameOrId: string, options: LogsOptions): Promise<LogStream> {
    return logs(this.core, nameOrId, options);
  }

  stats(nameOrId: string, options: StatsOptions): Promise<{ container: Container; samples: AsyncIterable<StatsSample> }> {
    return stats(this.core, nameOrId, options);
  }

  top(nameOrId: string): Promise<ProcessEntry[]> {
    return top(this.core, nameOrId);
  }

  remove(nameOrId: string, options: RemoveOptions): Promise<void> {
    return remove(this.core, nameOrId, options);
  }

  prune(filters: Filters): Promise<{ removed: string[] }> {
    return prune(this.core, filters);
  }

  changes(nameOrId: string): Promise<ContainerChange[] | null> {
    return changes(this.core, nameOrId);
  }

  commit(nameOrId: string, options: CommitOptions): Promise<string> {
    return commit(this.core, nameOrId, options);
  }
}
