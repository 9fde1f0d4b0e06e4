import type { Verb } from "../../command";
import { StatusError } from "../../errors";

const joinHostPort = (ip: string, port: string) => (ip.includes(":") ? `[${ip}]:${port}` : `${ip}:${port}`);

/** sortorder.NaturalLess, near enough: digit runs compare as numbers. */
const natural = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });

/** `docker port CONTAINER [PRIVATE_PORT[/PROTO]]`, as docker/cli's port.go prints it: `80/tcp -> 0.0.0.0:8080`. */
export const port: Verb = {
  name: "port",
  usage: "CONTAINER [PRIVATE_PORT[/PROTO]]",
  short: "List port mappings or a specific mapping for the container",
  args: { min: 1, max: 2 },
  async run(context, [name, wanted]) {
    const container = await context.api.containers.inspect(name!);
    const ports = container.NetworkSettings?.Ports ?? {};
    const out: string[] = [];
    if (wanted !== undefined) {
      const [number = "", proto = "tcp"] = wanted.split("/");
      if (!/^\d+$/.test(number) || Number(number) > 65535) {
        const why = /^\d+$/.test(number) ? "value out of range" : "invalid syntax";
        throw new StatusError(1, `Error: invalid port (${number}): strconv.ParseUint: parsing ${JSON.stringify(number)}: ${why}`);
      }
      const frontends = ports[`${number}/${proto || "tcp"}`];
      if (!frontends?.length) throw new StatusError(1, `Error: No public port '${wanted}' published for ${name}`);
      for (const frontend of frontends) out.push(joinHostPort(frontend.HostIp ?? "", frontend.HostPort ?? ""));
    } else {
      for (const [from, frontends] of Object.entries(ports)) for (const frontend of frontends ?? []) out.push(`${from} -> ${joinHostPort(frontend.HostIp ?? "", frontend.HostPort ?? "")}`);
    }
    if (out.length) await context.out(out.sort(natural).join("\n") + "\n");
    return 0;
  },
};
