/** The Engine API's image bodies, named and cased as the swagger names them (moby's api/types/image). */
import type { ContainerConfig, DriverData } from "./containers";

/** One row of `GET /images/json` (and of `GET /system/df`'s images). */
export interface ImageSummary {
  Id: string;
  ParentId: string;
  RepoTags: string[] | null;
  RepoDigests: string[] | null;
  Created: number;
  Size: number;
  /** -1 where it was not computed (only `GET /system/df` computes it). */
  SharedSize: number;
  Labels: Record<string, string> | null;
  /** -1 where it was not counted. */
  Containers: number;
}

/** `GET /images/{name}/json`. */
export interface ImageInspect {
  Id: string;
  RepoTags: string[];
  RepoDigests: string[];
  Parent: string;
  Comment: string;
  Created: string;
  DockerVersion: string;
  Author: string;
  Config: ContainerConfig;
  Architecture: string;
  Variant?: string;
  Os: string;
  OsVersion?: string;
  Size: number;
  GraphDriver: DriverData;
  RootFS: { Type: string; Layers: string[] };
  Metadata: { LastTagTime: string };
}

/** One step of `GET /images/{name}/history`. */
export interface ImageHistoryResponseItem {
  Id: string;
  Created: number;
  CreatedBy: string;
  Tags: string[] | null;
  Size: number;
  Comment: string;
}

/** One line of `DELETE /images/{name}`'s reply (and of an image prune's). */
export interface ImageDeleteResponseItem {
  Untagged?: string;
  Deleted?: string;
}
