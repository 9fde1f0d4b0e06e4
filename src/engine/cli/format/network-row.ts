import type { NetworkInspect } from "../../../shared/engine-api/networks";
import { shortId, withJson } from "./text";

export const NETWORK_TABLE = "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}";

export const NETWORK_HEADERS: Record<string, string> = {
  ID: "NETWORK ID",
  Name: "NAME",
  Driver: "DRIVER",
  Scope: "SCOPE",
  IPv4: "IPV4",
  IPv6: "IPV6",
  Internal: "INTERNAL",
  Labels: "LABELS",
  CreatedAt: "CREATED AT",
};

/** Go's time.Time.String() of an RFC 3339 time in UTC: "2026-12-06 09:54:06.123456789 +0000 UTC", trailing zeros cut. */
export function goTimeNanos(rfc3339: string): string {
  const match = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(rfc3339);
  if (!match) return rfc3339;
  const fraction = (match[3] ?? "").replace(/0+$/, "");
  return `${match[1]} ${match[2]}${fraction ? `.${fraction}` : ""} +0000 UTC`;
}

/** A row of `docker network ls`, as docker/cli's networkContext (IPv4 reads EnableIPv4, which Docker 27 daemons do not send). */
export function networkRow(network: NetworkInspect & { EnableIPv4?: boolean }, trunc: boolean): object {
  const labels = network.Labels ?? {};
  return withJson(
    {
      ID: trunc ? shortId(network.Id) : network.Id,
      Name: network.Name,
      Driver: network.Driver,
      Scope: network.Scope,
      IPv4: String(network.EnableIPv4 ?? false),
      IPv6: String(network.EnableIPv6),
      Internal: String(network.Internal),
      Labels: Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(","),
      Label: (name: string) => labels[name] ?? "",
      CreatedAt: goTimeNanos(network.Created),
    },
    "*network.networkContext",
  );
}
