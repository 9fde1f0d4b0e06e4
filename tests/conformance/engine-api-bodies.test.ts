// Our Go schema of request bodies (src/engine/api/body/moby-types.ts) against the Engine API's
// swagger, read in place from ../shared/specs (the specs stay out of this repository; see
// ../shared/specs/README.md). Without that folder these tests are skipped, and say so.
import { describe, expect, it } from "vitest";
import { promotedFields, type GoType } from "../../src/engine/api/body/go-types";
import { createRequest, execOptions, execStartOptions, networkCreateRequest } from "../../src/engine/api/body/moby-types";
import { requestBody, resolve, SWAGGER, type Schema } from "./swagger";

/**
 * Where moby v27.5.1's Go structs read more than the 1.47 swagger documents: KernelMemory
 * (dropped from the API in 1.42, still a Go field), a mount's Swarm ClusterOptions, and
 * ExecOptions' Detach (the start request's Detach is the one that detaches), and a network
 * create's CheckDuplicate (deprecated in API 1.44, still sent by older clients).
 */
const GO_ONLY = ["CreateRequest.HostConfig.KernelMemory", "CreateRequest.HostConfig.Mounts[].ClusterOptions", "ExecConfig.Detach", "NetworkCreateRequest.CheckDuplicate"];

describe.skipIf(!SWAGGER)(`the Go schema of request bodies against ${SWAGGER ?? "../shared/specs/engine-api/swagger-v1.47.yaml (absent: skipped)"}`, () => {
  const excepted = new Set<string>();

  /** Every mismatch between a swagger schema and a Go type, as "path: what". */
  const compare = (schema: Schema, type: GoType, path: string): string[] => {
    const s = resolve(schema);
    const go = type.kind === "pointer" ? type.elem : type;
    switch (s.type) {
      case "string":
        return go.kind === "string" ? [] : [`${path}: swagger string, Go ${go.name}`];
      case "integer":
        return go.kind === "int" ? [] : [`${path}: swagger integer, Go ${go.name}`];
      case "boolean":
        return go.kind === "bool" ? [] : [`${path}: swagger boolean, Go ${go.name}`];
      case "array":
        if (go.kind === "strslice") return compare(s.items as Schema, { kind: "string", name: "string" }, `${path}[]`);
        if (go.kind !== "slice" && go.kind !== "array") return [`${path}: swagger array, Go ${go.name}`];
        return s.items ? compare(s.items as Schema, go.elem, `${path}[]`) : [];
      default: {
        if (go.kind === "map") return s.additionalProperties && typeof s.additionalProperties === "object" ? compare(s.additionalProperties as Schema, go.elem, `${path}{}`) : [];
        if (go.kind !== "struct") return [`${path}: swagger object, Go ${go.name}`];
        const properties = (s.properties ?? {}) as Schema;
        const fields = promotedFields(go);
        const at = (name: string) => `${path}.${name}`;
        const goOnly = fields.filter((f) => !(f.json in properties)).map((f) => at(f.json));
        goOnly.filter((field) => GO_ONLY.includes(field)).forEach((field) => excepted.add(field));
        return [
          ...goOnly.filter((field) => !GO_ONLY.includes(field)).map((field) => `${field}: in Go, not in the swagger`),
          ...Object.keys(properties).filter((name) => !fields.some((f) => f.json === name)).map((name) => `${at(name)}: in the swagger, not in Go`),
          ...fields.filter((f) => f.json in properties).flatMap((f) => compare(properties[f.json] as Schema, f.type, at(f.json))),
        ];
      }
    }
  };

  it("agrees on every field, and its type, of the create, exec, exec start and network create bodies and all they hold", () => {
    expect(compare(requestBody("post", "/containers/create"), createRequest, "CreateRequest")).toEqual([]);
    expect(compare(requestBody("post", "/containers/{id}/exec"), execOptions, "ExecConfig")).toEqual([]);
    expect(compare(requestBody("post", "/exec/{id}/start"), execStartOptions, "ExecStartConfig")).toEqual([]);
    expect(compare(requestBody("post", "/networks/create"), networkCreateRequest, "NetworkCreateRequest")).toEqual([]);
    // An exception nothing needs any more goes.
    expect([...excepted].sort()).toEqual([...GO_ONLY].sort());
  });
});
