import { describe, expect, it } from "vitest";
import { postRequest } from "../../../../tests/support/http-request";
import { readExecCreateBody, readExecStartBody } from "./exec-bodies";

const request = (body: string | object, contentType?: string) => postRequest("/containers/c/exec", body, contentType);

describe("readExecCreateBody", () => {
  it("refuses a command that is not a list, and no command, in Docker's words", async () => {
    await expect(readExecCreateBody(request({ Cmd: "ls" }))).rejects.toThrow("invalid JSON: json: cannot unmarshal string into Go struct field ExecOptions.Cmd of type []string");
    await expect(readExecCreateBody(request({ Cmd: [] }))).rejects.toThrow("No exec command specified");
    await expect(readExecCreateBody(request("null"))).rejects.toThrow("No exec command specified");
    await expect(readExecCreateBody(request("", ""))).rejects.toThrow("No exec command specified");
    await expect(readExecCreateBody(request(" "))).rejects.toThrow("invalid JSON: got EOF while reading request body");
    await expect(readExecCreateBody(request('{"Cmd":["ls"]}x'))).rejects.toThrow("unexpected content after JSON");
  });

  it("keeps what the daemon uses, and refuses detach keys (exec does not do them yet)", async () => {
    expect(await readExecCreateBody(request({ cmd: ["ls"], tty: true, ConsoleSize: [24, 80], Detach: true, DetachKeys: "", Container: "c" }))).toEqual({ Cmd: ["ls"], Tty: true, ConsoleSize: [24, 80], Detach: true });
    await expect(readExecCreateBody(request({ Cmd: ["ls"], detachKeys: "ctrl-x" }))).rejects.toThrow("Drydock does not support DetachKeys (--detach-keys) yet");
  });
});

describe("readExecStartBody", () => {
  it("reads Detach, Tty and a console size; no body is all defaults", async () => {
    expect(await readExecStartBody(request({ Detach: false, Tty: true, ConsoleSize: [30, 100] }))).toEqual({ Detach: false, Tty: true, ConsoleSize: [30, 100] });
    expect(await readExecStartBody(request("", ""))).toEqual({});
    await expect(readExecStartBody(request({ Detach: "yes" }))).rejects.toThrow("invalid JSON: json: cannot unmarshal string into Go struct field ExecStartOptions.Detach of type bool");
  });
});
