import type { ImageDeleteResponseItem } from "../../../../shared/engine-api/images";
import type { Filters } from "../../../daemon/filters/filters";
import type { ImageUsage } from "../../../daemon/images/images";
import type { ImageRemoveOptions } from "../../../daemon/images/remove";
import type { ImageRecord } from "../../../image/image-store";
import type { ProgressMessage } from "../../../image/pull";

/** What the image routes need of the daemon (moby's router/image backend). */
export interface ImagesBackend {
  pull(image: string, tag: string | undefined): AsyncIterable<ProgressMessage>;
  list(filters: Filters, options: { sharedSize: boolean }): Promise<ImageUsage[]>;
  inspect(name: string): Promise<ImageRecord>;
  tag(name: string, repo: string, tag: string | undefined): Promise<void>;
  remove(name: string, options: ImageRemoveOptions): Promise<ImageDeleteResponseItem[]>;
  prune(filters: Filters): Promise<{ deleted: ImageDeleteResponseItem[]; reclaimed: number }>;
}
