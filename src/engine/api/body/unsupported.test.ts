import { describe, expect, it } from "vitest";
import { promotedFields, type GoStruct } from "./go-types";
import { containerConfig, endpointSettings, execOptions, hostConfig } from "./moby-types";
import { CONFIG_POLICIES, ENDPOINT_POLICIES, EXEC_POLICIES, HOST_CONFIG_POLICIES, type Policies } from "./unsupported";

describe("field policies", () => {
  // A field added to a Go struct must be decided on: used by the daemon, or refused when set.
  it.each([
    ["Config", containerConfig, CONFIG_POLICIES],
    ["HostConfig", hostConfig, HOST_CONFIG_POLICIES],
    ["EndpointSettings", endpointSettings, ENDPOINT_POLICIES],
    ["ExecOptions", execOptions, EXEC_POLICIES],
  ] as [string, GoStruct, Policies][])("decide every field of %s, and only those", (_, type, policies) => {
    expect(Object.keys(policies).sort()).toEqual(promotedFields(type).map((f) => f.json).sort());
  });
});
