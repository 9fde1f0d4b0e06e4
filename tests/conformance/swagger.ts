// The Engine API's swagger, read in place from ../shared/specs (the specs stay out of this
// repository; see ../shared/specs/README.md), and its schemas with $ref and allOf followed.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { PROJECT_ROOT } from "../../src/node/paths";
import { parseYaml, type Yaml } from "./swagger-yaml";

export type Schema = { [key: string]: Yaml };

/** ../shared from the main checkout; a worktree looks further up for the same folder. */
function findSwagger(): string | undefined {
  for (let dir = dirname(PROJECT_ROOT); ; dir = dirname(dir)) {
    const file = join(dir, "shared", "specs", "engine-api", "swagger-v1.47.yaml");
    if (existsSync(file)) return file;
    if (dirname(dir) === dir) return undefined;
  }
}

export const SWAGGER = findSwagger();

/** The swagger's root mapping; empty when ../shared is absent (the tests then skip). */
export const swagger: Schema = SWAGGER ? (parseYaml(readFileSync(SWAGGER, "utf8")) as Schema) : {};

const definitions = () => swagger.definitions as Schema;

/** A schema with its $ref followed and its allOf parts merged. */
export function resolve(schema: Schema): Schema {
  if (typeof schema.$ref === "string") return resolve(definitions()[schema.$ref.replace("#/definitions/", "")] as Schema);
  if (Array.isArray(schema.allOf) && schema.allOf.length === 1) return resolve(schema.allOf[0] as Schema);
  if (Array.isArray(schema.allOf)) {
    const parts = schema.allOf.map((part) => resolve(part as Schema));
    return { type: "object", properties: Object.assign({}, ...parts.map((part) => part.properties ?? {})) };
  }
  return schema;
}

const operation = (method: string, path: string) => ((swagger.paths as Schema)[path] as Schema)[method] as Schema;

/** The schema of an operation's request body. */
export function requestBody(method: string, path: string): Schema {
  return ((operation(method, path).parameters as Schema[]).find((p) => p.in === "body") as Schema).schema as Schema;
}

/** The schema of an operation's 200 response. */
export function responseBody(method: string, path: string): Schema {
  return ((operation(method, path).responses as Schema)["200"] as Schema).schema as Schema;
}
