import type { Container } from "../../container/container";
import type { ImageRecord } from "../../image/image-store";
import type { ContainerInspectResponse, ContainerSummary } from "../../../shared/engine-api/containers";
import { humanDuration } from "../../../shared/human-duration";

const unix = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** `GET /containers/{id}/json`. */
export function inspectContainer(container: Container): ContainerInspectResponse {
  const config = container.config;
  const host = config.HostConfig ?? {};
  return {
    Id: container.id,
    Created: container.created,
    Path: container.path,
    Args: container.args,
    State: container.state,
    Image: container.imageId,
    ResolvConfPath: "",
    HostnamePath: "",
    HostsPath: "",
    LogPath: "",
    Name: container.name,
    RestartCount: container.restartCount,
    Driver: "overlay2",
    Platform: "linux",
    MountLabel: "",
    ProcessLabel: "",
    AppArmorProfile: "",
    ExecIDs: null,
    HostConfig: {
      NetworkMode: host.NetworkMode || "bridge",
      RestartPolicy: { Name: host.RestartPolicy?.Name || "no", MaximumRetryCount: host.RestartPolicy?.MaximumRetryCount ?? 0 },
      AutoRemove: host.AutoRemove ?? false,
      Privileged: host.Privileged ?? false,
      ReadonlyRootfs: host.ReadonlyRootfs ?? false,
      Memory: host.Memory ?? 0,
      NanoCpus: host.NanoCpus ?? 0,
      CpuShares: host.CpuShares ?? 0,
      PidsLimit: host.PidsLimit ?? null,
      Init: host.Init ?? null,
    },
    GraphDriver: { Data: null, Name: "overlay2" },
    Mounts: [],
    Config: {
      Hostname: config.Hostname || container.id.slice(0, 12),
      Domainname: config.Domainname ?? "",
      User: config.User ?? "",
      AttachStdin: config.AttachStdin ?? false,
      AttachStdout: config.AttachStdout ?? false,
      AttachStderr: config.AttachStderr ?? false,
      Tty: config.Tty ?? false,
      OpenStdin: config.OpenStdin ?? false,
      StdinOnce: config.StdinOnce ?? false,
      Env: config.Env ?? null,
      Cmd: config.Cmd ?? null,
      Image: config.Image,
      Volumes: null,
      WorkingDir: config.WorkingDir ?? "",
      Entrypoint: config.Entrypoint ?? null,
      OnBuild: null,
      Labels: config.Labels ?? {},
    },
    NetworkSettings: { Bridge: "", SandboxID: "", Ports: {}, SandboxKey: "", Networks: {} },
  };
}

/** One row of `GET /containers/json`. */
export function listContainer(container: Container, image: ImageRecord | undefined, now = Date.now()): ContainerSummary {
  return {
    Id: container.id,
    Names: [container.name],
    Image: container.config.Image ?? "",
    ImageID: image?.id ?? container.imageId,
    Command: [container.path, ...container.args].map(shellQuote).join(" "),
    Created: unix(container.created),
    Ports: [],
    Labels: container.config.Labels ?? {},
    State: container.state.Status,
    Status: status(container, now),
    HostConfig: { NetworkMode: container.config.HostConfig?.NetworkMode || "bridge" },
    NetworkSettings: { Networks: {} },
    Mounts: [],
  };
}

/** An argument as a shell would need it: 'quoted' when it has spaces or shell characters. */
function shellQuote(arg: string): string {
  if (arg !== "" && /^[\w@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'"'"'`)}'`;
}

/** "Up 3 seconds", "Up 2 minutes (Paused)", "Exited (0) 5 seconds ago", "Created". */
function status(container: Container, now: number): string {
  const state = container.state;
  if (state.Restarting) return `Restarting (${state.ExitCode}) ${humanDuration(now - Date.parse(state.FinishedAt))} ago`;
  if (state.Running) return `Up ${humanDuration(now - Date.parse(state.StartedAt))}${state.Paused ? " (Paused)" : ""}`;
  if (state.Status === "exited") return `Exited (${state.ExitCode}) ${humanDuration(now - Date.parse(state.FinishedAt))} ago`;
  return state.Status === "created" ? "Created" : state.Status;
}
