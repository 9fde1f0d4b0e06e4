import type { Verb } from "../../command";
import { compile } from "../../format/render";
import { bytesSize } from "../../../../shared/human-size";
import { DRYDOCK_VERSION } from "../../../../shared/version";

export const info: Verb = {
  name: "info",
  usage: "[OPTIONS]",
  short: "Display system-wide information",
  flags: [{ name: "format", short: "f", type: "string", usage: "Format output using a custom template" }],
  async run(context, _args, flags) {
    const server = await context.api.system.info();
    const client = { Version: DRYDOCK_VERSION, Context: "default", Debug: false };
    const format = flags.string("format");
    if (format) {
      await context.out(compile(format === "json" ? "{{json .}}" : format).execute({ ...server, ClientInfo: client }) + "\n");
      return 0;
    }
    const lines = [
      "Client:",
      ` Version:    ${client.Version}`,
      ` Context:    ${client.Context}`,
      ` Debug Mode: ${client.Debug}`,
      "",
      "Server:",
      ` Containers: ${server.Containers}`,
      `  Running: ${server.ContainersRunning}`,
      `  Paused: ${server.ContainersPaused}`,
      `  Stopped: ${server.ContainersStopped}`,
      ` Images: ${server.Images}`,
      ` Server Version: ${server.ServerVersion}`,
      ` Storage Driver: ${server.Driver}`,
      ...(server.DriverStatus ?? []).map(([key, value]) => `  ${key}: ${value}`),
      ` Logging Driver: ${server.LoggingDriver}`,
      ` Cgroup Driver: ${server.CgroupDriver}`,
      ...(server.CgroupVersion ? [` Cgroup Version: ${server.CgroupVersion}`] : []),
      " Plugins:",
      `  Volume: ${(server.Plugins?.Volume ?? []).join(" ")}`,
      `  Network: ${(server.Plugins?.Network ?? []).join(" ")}`,
      `  Log: ${(server.Plugins?.Log ?? []).join(" ")}`,
      ` Swarm: ${server.Swarm?.LocalNodeState ?? "inactive"}`,
      ` Runtimes: ${Object.keys(server.Runtimes ?? {}).sort().join(" ")}`,
      ` Default Runtime: ${server.DefaultRuntime ?? ""}`,
      ` Init Binary: ${server.InitBinary ?? ""}`,
      " containerd version: ",
      " runc version: ",
      " init version: ",
      ...((server.SecurityOptions ?? []).length ? [" Security Options:", ...(server.SecurityOptions ?? []).map((o) => `  ${o.replace(/^name=/, "")}`)] : []),
      ` Kernel Version: ${server.KernelVersion}`,
      ` Operating System: ${server.OperatingSystem}`,
      ` OSType: ${server.OSType}`,
      ` Architecture: ${server.Architecture}`,
      ` CPUs: ${server.NCPU}`,
      ` Total Memory: ${bytesSize(server.MemTotal)}`,
      ` Name: ${server.Name}`,
      ` ID: ${server.ID}`,
      ` Docker Root Dir: ${server.DockerRootDir}`,
      ` Debug Mode: ${server.Debug}`,
      ` Experimental: ${server.ExperimentalBuild}`,
      ` Live Restore Enabled: ${server.LiveRestoreEnabled}`,
      "",
    ];
    await context.out(lines.join("\n") + "\n");
    for (const warning of server.Warnings ?? []) await context.err(`${warning}\n`);
    return 0;
  },
};
