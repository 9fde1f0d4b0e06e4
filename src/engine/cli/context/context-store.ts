import { DrydockError, errorKind, errorMessage } from "../../../shared/errors";
import { sha256Hex } from "../../../shared/sha256";
import { goJson } from "../format/go-json";
import type { CliIo } from "../io";

/** A context's docker endpoint as meta.json holds it. */
export interface DockerEndpoint {
  Host?: string;
  SkipTLSVerify: boolean;
}

/**
 * A context as docker's store writes it to contexts/meta/<sha256 of the name>/meta.json, so the
 * official CLI and Drydock's share contexts. Fields Drydock does not know are kept as they are.
 */
export interface ContextMeta {
  Name: string;
  Metadata: { Description?: string; [field: string]: unknown };
  Endpoints: { docker?: DockerEndpoint; [endpoint: string]: unknown };
}

/** The contexts under a docker config directory, on the client's side. */
export class ContextStore {
  constructor(
    private readonly io: CliIo,
    /** $DOCKER_CONFIG, or ~/.docker. */
    readonly configDir: string,
  ) {}

  async metaDir(name: string): Promise<string> {
    return `${this.configDir}/contexts/meta/${await sha256Hex(name)}`;
  }

  async tlsDir(name: string): Promise<string> {
    return `${this.configDir}/contexts/tls/${await sha256Hex(name)}`;
  }

  /** The context, or docker's "context "x": context not found: open .../meta.json: ...". */
  async get(name: string): Promise<ContextMeta> {
    const path = `${await this.metaDir(name)}/meta.json`;
    try {
      return parseMeta(path, await this.io.readFile(path));
    } catch (error) {
      if (errorKind(error) !== "NotFound") throw error;
      throw new DrydockError("NotFound", `context ${JSON.stringify(name)}: context not found: ${errorMessage(error)}`);
    }
  }

  async exists(name: string): Promise<boolean> {
    try {
      await this.get(name);
      return true;
    } catch (error) {
      if (errorKind(error) === "NotFound") return false;
      throw error;
    }
  }

  /** Every stored context (not "default"), in the directory's order. */
  async list(): Promise<ContextMeta[]> {
    const root = `${this.configDir}/contexts/meta`;
    const contexts: ContextMeta[] = [];
    for (const dir of await this.io.readDir(root).catch(orNothing([]))) {
      const path = `${root}/${dir}/meta.json`;
      const bytes = await this.io.readFile(path).catch(orNothing(undefined));
      if (bytes) contexts.push(parseMeta(path, bytes, "failed to read metadata: "));
    }
    return contexts;
  }

  async save(meta: ContextMeta): Promise<void> {
    await this.io.writeFile(`${await this.metaDir(meta.Name)}/meta.json`, new TextEncoder().encode(goJson(meta)), 0o644);
  }

  async remove(name: string): Promise<void> {
    await this.io.removeAll(await this.metaDir(name));
    await this.io.removeAll(await this.tlsDir(name));
  }
}

/** What a missing file or directory reads as; any other failure stands. */
function orNothing<T>(value: T): (error: unknown) => T {
  return (error) => {
    if (errorKind(error) === "NotFound") return value;
    throw error;
  };
}

function parseMeta(path: string, bytes: Uint8Array, prefix = ""): ContextMeta {
  let meta: Partial<ContextMeta>;
  try {
    meta = JSON.parse(new TextDecoder().decode(bytes)) as Partial<ContextMeta>;
  } catch (error) {
    throw new DrydockError("InvalidParameter", `${prefix}parsing ${path}: ${errorMessage(error)}`);
  }
  return { ...meta, Name: String(meta.Name ?? ""), Metadata: meta.Metadata ?? {}, Endpoints: meta.Endpoints ?? {} };
}
