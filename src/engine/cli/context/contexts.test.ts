// Contexts over the client's files, byte for byte as docker 28 writes and reads them (the
// hashes and file texts below are the real CLI's).
import { describe, expect, it } from "vitest";
import { DrydockError } from "../../../shared/errors";
import type { CliIo } from "../io";
import { Contexts } from "./contexts";

const T1_DIR = "/cfg/contexts/meta/628b49d96dcde97a430dd4f597705899e09a968f793491e4b704cae33a40dc02";
const NOPE_META = "/cfg/contexts/meta/ca3704aa0b06f5954c79ee837faa152d84d6b2d42838f0637a15eda8337dbdce/meta.json";

/** A client whose files are a map, and whose stderr is kept. */
function client(files: Record<string, string>, env: Record<string, string> = {}) {
  const stored = new Map(Object.entries(files).map(([path, text]) => [path, { text, mode: 0o644 }]));
  let stderr = "";
  const missing = (path: string) => new DrydockError("NotFound", `open ${path}: no such file or directory`);
  const io = {
    env: { DOCKER_CONFIG: "/cfg", ...env },
    stderr: { isTty: false, write: async (text: string | Uint8Array) => void (stderr += String(text)) },
    readFile: async (path: string) => {
      const file = stored.get(path);
      if (!file) throw missing(path);
      return new TextEncoder().encode(file.text);
    },
    readDir: async (path: string) => {
      const names = [...stored.keys()].filter((p) => p.startsWith(`${path}/`)).map((p) => p.slice(path.length + 1).split("/")[0]!);
      if (names.length === 0) throw missing(path);
      return [...new Set(names)];
    },
    writeFile: async (path: string, data: Uint8Array, mode: number) => void stored.set(path, { text: new TextDecoder().decode(data), mode }),
    removeAll: async (path: string) => [...stored.keys()].filter((p) => p === path || p.startsWith(`${path}/`)).forEach((p) => stored.delete(p)),
  } as unknown as CliIo;
  return { io, stored, stderr: () => stderr };
}

const T1 = '{"Name":"t1","Metadata":{"Description":"first one"},"Endpoints":{"docker":{"Host":"tcp://127.0.0.1","SkipTLSVerify":false}}}';

describe("contexts", () => {
  it("run a command against the current context's host as written there", async () => {
    const { io } = client({ "/cfg/config.json": '{"currentContext":"t1"}', [`${T1_DIR}/meta.json`]: T1 });
    const contexts = await Contexts.open(io, { flag: "", hosts: [] }, "unix:///var/run/docker.sock");
    expect(contexts.current).toBe("t1");
    expect(await contexts.daemonHost()).toBe("tcp://127.0.0.1");
  });

  it("lead a context without a host to the CLI's default, and default to -H normalized", async () => {
    const { io } = client({ [`${T1_DIR}/meta.json`]: '{"Name":"t1","Metadata":{},"Endpoints":{"docker":{"SkipTLSVerify":true}}}' });
    expect(await (await Contexts.open(io, { flag: "t1", hosts: [] }, "unix:///d.sock")).daemonHost()).toBe("unix:///d.sock");
    expect(await (await Contexts.open(io, { flag: "", hosts: ["tcp://127.0.0.1"] }, "unix:///d.sock")).daemonHost()).toBe("tcp://127.0.0.1:2375");
  });

  it("say which file a missing context is not in", async () => {
    const { io } = client({}, { DOCKER_CONTEXT: "nope" });
    const contexts = await Contexts.open(io, { flag: "", hosts: [] }, "");
    await expect(contexts.daemonHost()).rejects.toThrow(`context "nope": context not found: open ${NOPE_META}: no such file or directory`);
  });

  it("warn of a config.json that does not parse, and go on with none", async () => {
    const { io, stderr } = client({ "/cfg/config.json": "{bad" });
    expect((await Contexts.open(io, { flag: "", hosts: [] }, "")).current).toBe("default");
    expect(stderr()).toMatch(/^WARNING: Error parsing config file \(\/cfg\/config.json\): /);
  });

  it("write meta.json and config.json as docker does, keeping what they do not know", async () => {
    const { io, stored } = client({ "/cfg/config.json": '{"psFormat":"x","currentContext":"old"}' });
    const contexts = await Contexts.open(io, { flag: "", hosts: [] }, "");
    await contexts.store.save({ Name: "t1", Metadata: { Description: "first one" }, Endpoints: { docker: { Host: "tcp://127.0.0.1", SkipTLSVerify: false } } });
    expect(stored.get(`${T1_DIR}/meta.json`)).toEqual({ text: T1, mode: 0o644 });
    await contexts.config.setCurrentContext("t1");
    expect(stored.get("/cfg/config.json")).toEqual({ text: '{\n\t"auths": {},\n\t"psFormat": "x",\n\t"currentContext": "t1"\n}', mode: 0o600 });
    await contexts.config.setCurrentContext("");
    expect(stored.get("/cfg/config.json")!.text).toBe('{\n\t"auths": {},\n\t"psFormat": "x"\n}');
    expect((await contexts.store.list()).map((c) => c.Name)).toEqual(["t1"]);
    await contexts.store.remove("t1");
    expect(await contexts.store.list()).toEqual([]);
  });
});
