import type { ImageConfig } from "../../../shared/oci";
import type { Expander } from "../../builder/config-changes";
import { expandWord, expandWords } from "../../builder/dockerfile/shell";
import { imageOf, type LayerRecord } from "../../image/built-image";
import type { ImageRecord } from "../../image/image-store";

/** ARGs every build has without declaring them: kept out of the history, as Docker keeps them. */
export const PROXY_ARGS = ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"];

/** What BuildKit sets for a stage's ARG TARGETARCH and the like: Drydock builds for its guest. */
export const PLATFORM_ARGS: Record<string, string> = {
  TARGETPLATFORM: "linux/386",
  TARGETOS: "linux",
  TARGETARCH: "386",
  TARGETVARIANT: "",
  BUILDPLATFORM: "linux/386",
  BUILDOS: "linux",
  BUILDARCH: "386",
  BUILDVARIANT: "",
};

/** A stage as it goes: the image so far, the config its next step starts from, its ARGs. */
export class StageState {
  /** Declared ARGs with their values (undefined: declared without one). */
  readonly args = new Map<string, string | undefined>();
  /** Set by this stage's CMD (an ENTRYPOINT keeps it then). */
  readonly cmd = { cmdSet: false };

  constructor(
    public image: ImageRecord,
    readonly escape: "\\" | "`",
  ) {}

  /** A fresh copy of the config for a step to change. */
  nextConfig(): ImageConfig {
    return structuredClone(this.image.config);
  }

  /** The stage's variables as words see them: ENV over ARG. */
  lookup(config: ImageConfig = this.image.config): (name: string) => string | undefined {
    const env = new Map((config.config?.Env ?? []).map((entry) => [entry.slice(0, entry.indexOf("=")), entry.slice(entry.indexOf("=") + 1)]));
    return (name) => env.get(name) ?? this.args.get(name);
  }

  expander(config?: ImageConfig): Expander {
    const lookup = this.lookup(config);
    return { word: (word) => expandWord(word, lookup, this.escape), words: (word) => expandWords(word, lookup, this.escape) };
  }

  /** ARGs with values that no ENV of the same name hides: a RUN's environment has them. */
  argEnv(): [string, string][] {
    const env = new Set((this.image.config.config?.Env ?? []).map((entry) => entry.slice(0, entry.indexOf("="))));
    return [...this.args].filter((pair): pair is [string, string] => pair[1] !== undefined && !env.has(pair[0])).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** The image a step makes: `config` with the step in its history, and its layer if it made one. */
  async commit(config: ImageConfig, createdBy: string, layer?: LayerRecord): Promise<ImageRecord> {
    const created = new Date().toISOString();
    config.created = created;
    config.history = [...(config.history ?? []), { created, created_by: createdBy, ...(layer ? {} : { empty_layer: true }) }];
    // A layer made here is kept uncompressed: its digest is its diff ID.
    if (layer) config.rootfs = { type: "layers", diff_ids: [...config.rootfs.diff_ids, layer.digest] };
    return imageOf(config, layer ? [...this.image.layers, layer] : this.image.layers);
  }
}
