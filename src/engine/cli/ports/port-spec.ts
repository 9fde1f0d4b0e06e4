import type { PortBinding } from "../../../shared/engine-api/containers";

/** What `-p`/`--expose` make: Config.ExposedPorts and HostConfig.PortBindings, as go-connections' nat.ParsePortSpecs. */
export interface PortSpecs {
  exposed: Record<string, object>;
  bindings: Record<string, PortBinding[]>;
}

/** nat.ParsePortRange: "80" or "8080-8081", each a 16-bit number. */
export function parsePortRange(ports: string): [number, number] {
  if (ports === "") throw new Error("empty string specified for ports");
  const uint16 = (text: string) => {
    if (!/^\d+$/.test(text) || Number(text) > 65535) throw new Error(`invalid port: ${text}`);
    return Number(text);
  };
  if (!ports.includes("-")) {
    const port = uint16(ports);
    return [port, port];
  }
  const [first = "", second = ""] = ports.split("-");
  const start = uint16(first);
  const end = uint16(second);
  if (end < start) throw new Error(`invalid range specified for port: ${ports}`);
  return [start, end];
}

/** nat.SplitProtoPort: "80/udp" → ["udp", "80"]; no protocol is tcp. */
export function splitProtoPort(raw: string): [string, string] {
  const parts = raw.split("/");
  if (raw === "" || parts[0] === "") return ["", ""];
  if (parts.length === 1) return ["tcp", raw];
  if (parts[1] === "") return ["tcp", parts[0]!];
  return [parts[1]!, parts[0]!];
}

function splitParts(raw: string): [string, string, string] {
  const parts = raw.split(":");
  const n = parts.length;
  const container = parts[n - 1]!;
  if (n === 1) return ["", "", container];
  if (n === 2) return ["", parts[0]!, container];
  if (n === 3) return [parts[0]!, parts[1]!, container];
  return [parts.slice(0, n - 2).join(":"), parts[n - 2]!, container];
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Drydock forwards TCP only yet: a UDP (or SCTP) port is refused with this. */
export function refuseProto(proto: string, spec: string): void {
  if (proto !== "tcp") throw new Error(`${proto} ports are not supported by Drydock yet (only tcp is forwarded): ${spec}`);
}

/** nat.ParsePortSpec: one `[ip:][hostPort:]containerPort[/proto]`, a range making one mapping per port. */
export function parsePortSpec(raw: string): { port: string; binding: PortBinding }[] {
  const [rawIp, hostPort, protoPort] = splitParts(raw);
  let ip = rawIp;
  const [proto, containerPort] = splitProtoPort(protoPort);
  if (ip.startsWith("[")) ip = ip.replace(/^\[+|\]+$/g, "");
  if (ip !== "" && !IPV4.test(ip) && !ip.includes(":")) throw new Error(`invalid IP address: ${ip}`);
  if (containerPort === "") throw new Error(`no port specified: ${raw}<empty>`);
  let start: number, end: number;
  try {
    [start, end] = parsePortRange(containerPort);
  } catch {
    throw new Error(`invalid containerPort: ${containerPort}`);
  }
  let hostStart = 0;
  let hostEnd = 0;
  if (hostPort !== "") {
    try {
      [hostStart, hostEnd] = parsePortRange(hostPort);
    } catch {
      throw new Error(`invalid hostPort: ${hostPort}`);
    }
    if (end - start !== hostEnd - hostStart && end !== start) throw new Error(`invalid ranges specified for container and host Ports: ${containerPort} and ${hostPort}`);
  }
  const lower = proto.toLowerCase();
  if (!["tcp", "udp", "sctp"].includes(lower)) throw new Error(`invalid proto: ${proto}`);
  refuseProto(lower, raw);
  const mappings: { port: string; binding: PortBinding }[] = [];
  for (let i = 0; i <= end - start; i++) {
    let host = hostPort === "" ? "" : String(hostStart + i);
    // A single container port with a host range: the range is where a free port is taken from.
    if (start === end && hostStart !== hostEnd) host = `${host}-${hostEnd}`;
    mappings.push({ port: `${start + i}/${lower}`, binding: { HostIp: ip, HostPort: host } });
  }
  return mappings;
}

/** nat.ParsePortSpecs over every -p, then docker/cli's --expose entries (`80`, `8000-8010/tcp`). */
export function parsePortSpecs(publish: readonly string[], expose: readonly string[] = []): PortSpecs {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, PortBinding[]> = {};
  for (const spec of publish) {
    for (const { port, binding } of parsePortSpec(spec)) {
      exposed[port] = {};
      (bindings[port] ??= []).push(binding);
    }
  }
  for (const entry of expose) {
    if (entry.includes(":")) throw new Error(`invalid port format for --expose: ${entry}`);
    const [proto, port] = splitProtoPort(entry);
    let start: number, end: number;
    try {
      [start, end] = parsePortRange(port);
    } catch {
      throw new Error(`invalid range format for --expose: ${entry}, error: ${port === "" ? "empty string specified for ports" : `invalid port ${port}`}`);
    }
    refuseProto(proto.toLowerCase(), entry);
    for (let p = start; p <= end; p++) exposed[`${p}/${proto.toLowerCase()}`] ??= {};
  }
  return { exposed, bindings };
}
