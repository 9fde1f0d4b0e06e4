import { errorKind, errorMessage } from "../../../shared/errors";
import { goJson } from "../format/go-json";
import type { CliIo } from "../io";

/**
 * The docker CLI's config.json. Drydock reads and writes only currentContext; everything else
 * in the file is written back as it was read.
 */
export class ConfigFile {
  private constructor(
    private readonly io: CliIo,
    readonly path: string,
    private fields: Record<string, unknown>,
  ) {}

  /**
   * The file, or an empty one when there is none. One that does not parse counts as empty
   * too, after docker's warning on stderr (it goes on, and a save replaces the file).
   */
  static async load(io: CliIo, configDir: string): Promise<ConfigFile> {
    const path = `${configDir}/config.json`;
    let text = "";
    try {
      text = new TextDecoder().decode(await io.readFile(path));
    } catch (error) {
      if (errorKind(error) !== "NotFound") throw error;
    }
    let fields: Record<string, unknown> = {};
    try {
      if (text.trim() !== "") fields = asObject(JSON.parse(text));
      const current = fields.currentContext;
      if (current !== undefined && current !== null && typeof current !== "string") {
        const kind = Array.isArray(current) ? "array" : typeof current === "boolean" ? "bool" : typeof current;
        throw new Error(`json: cannot unmarshal ${kind} into Go struct field ConfigFile.currentContext of type string`);
      }
    } catch (error) {
      fields = {};
      await io.stderr.write(`WARNING: Error parsing config file (${path}): ${errorMessage(error)}\n`);
    }
    return new ConfigFile(io, path, fields);
  }

  /** The context `docker context use` chose; "" for the default. */
  get currentContext(): string {
    return (this.fields.currentContext as string | null | undefined) ?? "";
  }

  /** Sets currentContext ("" removes it) and saves the file, as docker does: tabs, mode 0600. */
  async setCurrentContext(name: string): Promise<void> {
    // Docker's file always has "auths", first.
    const fields: Record<string, unknown> = { auths: {}, ...this.fields };
    delete fields.currentContext;
    if (name) fields.currentContext = name;
    this.fields = fields;
    await this.io.writeFile(this.path, new TextEncoder().encode(goJson(this.fields, "\t")), 0o600);
  }
}

function asObject(value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("the file does not hold a JSON object");
  return value as Record<string, unknown>;
}
