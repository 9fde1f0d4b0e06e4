import { describe, expect, it } from "vitest";
import type { HttpRequest } from "../http/request";
import { readExecCreateBody, readExecStartBody } from "./exec-bodies";

const request = (body: string | object, contentType = "application/json"): HttpRequest => ({
  method: "POST",
  path: "/containers/c/exec",
  query: new URLSearchParams(),
  headers: new Map(contentType ? [["content-type", contentType]] : []),
  body: new TextEncoder().encode(typeof body === "string" ? body : JSON.stringify(body)),
});

describe("readExecCreateBody", () => {
  it("refuses a command that is not a list, and no command, in Docker's words", () => {
    expect(() => readExecCreateBody(request({ Cmd: "ls" }))).toThrow("invalid JSON: json: cannot unmarshal string into Go struct field ExecOptions.Cmd of type []string");
    expect(() => readExecCreateBody(request({ Cmd: [] }))).toThrow("No exec command specified");
    expect(() => readExecCreateBody(request("null"))).toThrow("No exec command specified");
    expect(() => readExecCreateBody(request("", ""))).toThrow("No exec command specified");
    expect(() => readExecCreateBody(request(" "))).toThrow("invalid JSON: got EOF while reading request body");
    expect(() => readExecCreateBody(request('{"Cmd":["ls"]}x'))).toThrow("unexpected content after JSON");
  });

  it("keeps what the daemon uses, and refuses detach keys (exec does not do them yet)", () => {
    expect(readExecCreateBody(request({ cmd: ["ls"], tty: true, ConsoleSize: [24, 80], Detach: true, DetachKeys: "", Container: "c" }))).toEqual({ Cmd: ["ls"], Tty: true, ConsoleSize: [24, 80], Detach: true });
    expect(() => readExecCreateBody(request({ Cmd: ["ls"], detachKeys: "ctrl-x" }))).toThrow("Drydock does not support DetachKeys (--detach-keys) yet");
  });
});

describe("readExecStartBody", () => {
  it("reads Detach, Tty and a console size; no body is all defaults", () => {
    expect(readExecStartBody(request({ Detach: false, Tty: true, ConsoleSize: [30, 100] }))).toEqual({ Detach: false, Tty: true, ConsoleSize: [30, 100] });
    expect(readExecStartBody(request("", ""))).toEqual({});
    expect(() => readExecStartBody(request({ Detach: "yes" }))).toThrow("invalid JSON: json: cannot unmarshal string into Go struct field ExecStartOptions.Detach of type bool");
  });
});
