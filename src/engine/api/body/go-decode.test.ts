import { describe, expect, it } from "vitest";
import { unmarshal } from "./go-decode";
import { decodeFirst } from "./go-json";
import { array, bool, int, map, pointer, slice, str, strslice, struct, uint } from "./go-types";
import { createRequest, execOptions } from "./moby-types";

const decode = (text: string, type = pointer(createRequest)) => unmarshal(decodeFirst(new TextEncoder().encode(text)).value, type);
const error = (text: string, type = pointer(createRequest)) => {
  try {
    decode(text, type);
  } catch (e) {
    return (e as Error).message;
  }
  return "no error";
};

describe("unmarshal, as Go 1.22's encoding/json decodes moby's structs", () => {
  it("gives the issue's type confusions Go's errors, with the struct and the field path Go names", () => {
    expect(error('{"Image":{}}')).toBe("json: cannot unmarshal object into Go struct field CreateRequest.Image of type string");
    // Cmd and Entrypoint are strslice.StrSlice: its UnmarshalJSON falls back to one string and returns that error.
    expect(error('{"Cmd":5}')).toBe("json: cannot unmarshal number into Go struct field CreateRequest.Cmd of type string");
    expect(error('{"Entrypoint":5}')).toBe("json: cannot unmarshal number into Go struct field CreateRequest.Entrypoint of type string");
    expect(error('{"Cmd":["ls",1]}')).toBe("json: cannot unmarshal array into Go struct field CreateRequest.Cmd of type string");
    expect(error('{"Env":[1,2]}')).toBe("json: cannot unmarshal number into Go struct field CreateRequest.Env of type string");
    expect(error('{"HostConfig":"x"}')).toBe("json: cannot unmarshal string into Go struct field CreateRequest.HostConfig of type container.HostConfig");
    // Memory is promoted from the embedded Resources: Go 1.22 names the struct, then the path from the top.
    expect(error('{"HostConfig":{"Memory":"16m"}}')).toBe("json: cannot unmarshal string into Go struct field HostConfig.HostConfig.Memory of type int64");
    expect(error('{"Cmd":"ls"}', execOptions)).toBe("json: cannot unmarshal string into Go struct field ExecOptions.Cmd of type []string");
  });

  it("names a value at the top, an element and a map entry as Go does", () => {
    expect(error("5")).toBe("json: cannot unmarshal number into Go value of type container.CreateRequest");
    expect(error("[]")).toBe("json: cannot unmarshal array into Go value of type container.CreateRequest");
    expect(error('"x"', execOptions)).toBe("json: cannot unmarshal string into Go value of type container.ExecOptions");
    expect(error('{"HostConfig":{"Devices":[5]}}')).toBe("json: cannot unmarshal number into Go struct field HostConfig.HostConfig.Devices of type container.DeviceMapping");
    expect(error('{"HostConfig":{"Devices":[{"PathOnHost":5}]}}')).toBe("json: cannot unmarshal number into Go struct field DeviceMapping.HostConfig.Devices.PathOnHost of type string");
    expect(error('{"Labels":{"a":1}}')).toBe("json: cannot unmarshal number into Go struct field CreateRequest.Labels of type string");
    expect(error('{"ExposedPorts":{"80/tcp":5}}')).toBe("json: cannot unmarshal number into Go struct field CreateRequest.ExposedPorts of type struct {}");
    expect(error('{"NetworkingConfig":{"EndpointsConfig":{"x":5}}}')).toBe(
      "json: cannot unmarshal number into Go struct field NetworkingConfig.NetworkingConfig.EndpointsConfig of type network.EndpointSettings",
    );
    expect(error('{"HostConfig":{"BlkioWeightDevice":"x"}}')).toBe("json: cannot unmarshal string into Go struct field HostConfig.HostConfig.BlkioWeightDevice of type []*blkiodev.WeightDevice");
  });

  it("puts the number in the message when it does not fit the integer", () => {
    expect(error('{"HostConfig":{"Memory":1.5}}')).toBe("json: cannot unmarshal number 1.5 into Go struct field HostConfig.HostConfig.Memory of type int64");
    expect(error('{"HostConfig":{"Memory":1e3}}')).toBe("json: cannot unmarshal number 1e3 into Go struct field HostConfig.HostConfig.Memory of type int64");
    expect(error('{"HostConfig":{"Memory":9223372036854775808}}')).toBe("json: cannot unmarshal number 9223372036854775808 into Go struct field HostConfig.HostConfig.Memory of type int64");
    expect(error('{"HostConfig":{"BlkioWeight":65536}}')).toBe("json: cannot unmarshal number 65536 into Go struct field HostConfig.HostConfig.BlkioWeight of type uint16");
    expect(error('{"HostConfig":{"ConsoleSize":[-1,2]}}')).toBe("json: cannot unmarshal number -1 into Go struct field HostConfig.HostConfig.ConsoleSize of type uint");
    expect(decode('{"HostConfig":{"Memory":-9223372036854775808,"BlkioWeight":65535}}')).toEqual({ HostConfig: { Memory: -9223372036854775808, BlkioWeight: 65535 } });
  });

  it("reports the first mistake, unless an UnmarshalJSON fails later (its error stops decoding)", () => {
    expect(error('{"Image":{},"Tty":1}')).toBe("json: cannot unmarshal object into Go struct field CreateRequest.Image of type string");
    expect(error('{"Image":{},"Cmd":5}')).toBe("json: cannot unmarshal number into Go struct field CreateRequest.Cmd of type string");
  });

  it("matches keys exactly, else case-insensitively (with Go's Unicode folds), and skips unknown ones", () => {
    expect(decode('{"image":"a","CMD":"ls","hostconfig":{"memory":7},"Bogus":{"deep":[[[]]]}}')).toEqual({ Image: "a", Cmd: ["ls"], HostConfig: { Memory: 7 } });
    expect(decode('{"ſhell":["sh"],"\u212aernel":1}', struct("t.T", { Shell: strslice, Kernel: int("int") }))).toEqual({ Shell: ["sh"], Kernel: 1 });
    expect(decode('{"detachKeys":"ctrl-x"}', execOptions)).toEqual({ DetachKeys: "ctrl-x" });
  });

  it("lets null empty a pointer, slice or map and leave anything else as it was", () => {
    expect(decode("null")).toBeNull();
    expect(decode("null", execOptions)).toEqual({});
    expect(decode('{"Image":"a","Image":null,"Env":["x"],"Env":null,"HostConfig":null,"Cmd":null,"Labels":null}')).toEqual({ Image: "a", Env: null, HostConfig: null, Cmd: null, Labels: null });
    expect(decode('{"Tty":null,"StopTimeout":null}')).toEqual({ Tty: false, StopTimeout: null });
  });

  it("decodes a repeated key into the same field: maps and structs gather, lists are replaced", () => {
    expect(decode('{"Labels":{"a":"1"},"Labels":{"b":"2"},"HostConfig":{"Memory":7},"HostConfig":{"Privileged":true},"Env":["a"],"Env":["b"]}')).toEqual({
      Labels: { a: "1", b: "2" },
      HostConfig: { Memory: 7, Privileged: true },
      Env: ["b"],
    });
  });

  it("reads strslice as a list or one string; fixed arrays drop extra elements and zero missing ones", () => {
    expect(decode('{"Cmd":"ls -l","Entrypoint":["sh",null],"HostConfig":{"CapAdd":"ALL","ConsoleSize":[24,80,1]}}')).toEqual({
      Cmd: ["ls -l"],
      Entrypoint: ["sh", ""],
      HostConfig: { CapAdd: ["ALL"], ConsoleSize: [24, 80] },
    });
    expect(decode("[7]", array(uint("uint"), 2))).toEqual([7, 0]);
  });

  it("keeps a map key such as __proto__ as a key", () => {
    const labels = (decode('{"Labels":{"__proto__":"x"}}') as { Labels: Record<string, string> }).Labels;
    expect(Object.keys(labels)).toEqual(["__proto__"]);
    expect(labels.__proto__).toBe("x");
  });

  it("names types as reflect does: slices, maps, pointers, named types", () => {
    const type = struct("p.S", { A: slice(map(pointer(str("p.Mode")))), B: bool });
    expect(error('{"A":[{"k":5}]}', type)).toBe("json: cannot unmarshal number into Go struct field S.A of type p.Mode");
    expect(error('{"A":5}', type)).toBe("json: cannot unmarshal number into Go struct field S.A of type []map[string]*p.Mode");
    expect(error('{"B":"yes"}', type)).toBe("json: cannot unmarshal string into Go struct field S.B of type bool");
  });
});
