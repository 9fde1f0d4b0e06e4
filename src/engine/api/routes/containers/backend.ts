import type { ContainerChange, ContainerCreateBody, ContainerCreateResponse } from "../../../../shared/engine-api/containers";
import type { CommitOptions } from "../../../daemon/containers/commit";
import type { Container, WaitCondition } from "../../../container/container";
import type { AttachOptions } from "../../../daemon/containers/attach";
import type { LogsOptions } from "../../../daemon/containers/logs";
import type { ContainerSummary, StatsOptions, StatsSample } from "../../../daemon/containers/monitor";
import type { RemoveOptions } from "../../../daemon/containers/remove";
import type { StopOptions } from "../../../daemon/containers/stop";
import type { ListOptions } from "../../../daemon/filters/container-filters";
import type { Filters } from "../../../daemon/filters/filters";
import type { LogStream, StreamSession } from "../../../daemon/streams";
import type { ProcessEntry } from "../../../runtime/runtime";

// What the container routes need of the daemon, in moby's groups (router/container/backend.go).

/** Creating containers and moving them between states. */
export interface StateBackend {
  create(body: ContainerCreateBody, name: string | undefined): Promise<ContainerCreateResponse>;
  start(nameOrId: string): Promise<void>;
  stop(nameOrId: string, options: StopOptions): Promise<void>;
  restart(nameOrId: string, options: StopOptions): Promise<void>;
  kill(nameOrId: string, signal: string): Promise<void>;
  pause(nameOrId: string): Promise<void>;
  unpause(nameOrId: string): Promise<void>;
  rename(nameOrId: string, newName: string): Promise<void>;
  resize(nameOrId: string, rows: number, cols: number): Promise<void>;
  /** Found at once; the exit code comes when the condition is met. */
  wait(nameOrId: string, condition: WaitCondition): Promise<{ exitCode: Promise<number> }>;
  remove(nameOrId: string, options: RemoveOptions): Promise<void>;
}

/** Looking at containers. */
export interface MonitorBackend {
  list(filters: Filters, options: ListOptions): Promise<ContainerSummary[]>;
  inspect(nameOrId: string): Promise<Container>;
  logs(nameOrId: string, options: LogsOptions): Promise<LogStream>;
  stats(nameOrId: string, options: StatsOptions): Promise<{ container: Container; samples: AsyncIterable<StatsSample> }>;
  top(nameOrId: string): Promise<ProcessEntry[]>;
  changes(nameOrId: string): Promise<ContainerChange[] | null>;
}

/** A container's changes as a new image (moby's CommitBackend). */
export interface CommitBackend {
  commit(nameOrId: string, options: CommitOptions): Promise<string>;
}

export interface AttachBackend {
  attach(nameOrId: string, options: AttachOptions): Promise<StreamSession>;
}

export interface PruneBackend {
  prune(filters: Filters): Promise<{ removed: string[] }>;
}

export type ContainersBackend = StateBackend & MonitorBackend & AttachBackend & PruneBackend & CommitBackend;
