import type { Daemon } from "../../daemon/daemon";
import { json, type HttpResponse } from "../http/response";
import type { Route } from "../route";
import { API_VERSION, MIN_API_VERSION } from "../router";
import { listContainer } from "../views/container-json";
import { listImage } from "../views/image-json";

export interface SystemFacts {
  version: string;
  kernelVersion: string;
  memTotal: number;
  name: string;
}

function ping(): Promise<HttpResponse> {
  return Promise.resolve({
    status: 200,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-cache, no-store, must-revalidate", Pragma: "no-cache", "Builder-Version": "1" },
    body: "OK",
  });
}

/** _ping, version, info. */
export function systemRoutes(daemon: Daemon, facts: SystemFacts): Route[] {
  return [
    { method: "GET", path: "/_ping", handle: ping },
    { method: "HEAD", path: "/_ping", handle: ping },
    {
      method: "GET",
      path: "/version",
      handle: async () =>
        json(200, {
          Platform: { Name: "Drydock" },
          Components: [{ Name: "Engine", Version: facts.version, Details: { ApiVersion: API_VERSION, MinAPIVersion: MIN_API_VERSION, Os: "linux", Arch: "386", KernelVersion: facts.kernelVersion, GitCommit: "drydock", GoVersion: "none (TypeScript)", BuildTime: "", Experimental: "false" } }],
          Version: facts.version,
          ApiVersion: API_VERSION,
          MinAPIVersion: MIN_API_VERSION,
          GitCommit: "drydock",
          GoVersion: "none (TypeScript)",
          Os: "linux",
          Arch: "386",
          KernelVersion: facts.kernelVersion,
          BuildTime: "",
        }),
    },
    {
      method: "GET",
      path: "/system/df",
      handle: async () => {
        const containers = daemon.list();
        const images = await daemon.images.list();
        return json(200, {
          LayersSize: images.reduce((n, image) => n + image.size, 0),
          Images: images.map((image) => listImage(image, containers.filter((c) => c.imageId === image.id).length)),
          Containers: await Promise.all(containers.map(async (c) => ({ ...listContainer(c, await daemon.imageOf(c)), SizeRw: 0, SizeRootFs: 0 }))),
          Volumes: [],
          BuildCache: [],
        });
      },
    },
    {
      method: "GET",
      path: "/info",
      handle: async () => {
        const containers = daemon.list();
        const images = await daemon.images.list();
        return json(200, {
          ID: "drydock",
          Containers: containers.length,
          ContainersRunning: containers.filter((c) => c.state.Running && !c.state.Paused).length,
          ContainersPaused: containers.filter((c) => c.state.Paused).length,
          ContainersStopped: containers.filter((c) => !c.state.Running).length,
          Images: images.length,
          Driver: "overlay2",
          DriverStatus: [["Backing Filesystem", "9p (image layers) and tmpfs (container layers)"]],
          Plugins: { Volume: ["local"], Network: ["host", "null"], Authorization: null, Log: ["json-file"] },
          MemoryLimit: true,
          SwapLimit: false,
          CpuCfsPeriod: true,
          CpuCfsQuota: true,
          CPUShares: true,
          CPUSet: false,
          PidsLimit: true,
          IPv4Forwarding: false,
          Debug: false,
          NFd: 0,
          OomKillDisable: false,
          NGoroutines: 0,
          SystemTime: new Date().toISOString(),
          LoggingDriver: "json-file",
          CgroupDriver: "cgroupfs",
          CgroupVersion: "2",
          NEventsListener: 0,
          KernelVersion: facts.kernelVersion,
          OperatingSystem: "Drydock (an i686 Linux emulated by v86)",
          OSVersion: "",
          OSType: "linux",
          Architecture: "i686",
          IndexServerAddress: "https://index.docker.io/v1/",
          RegistryConfig: { IndexConfigs: {}, InsecureRegistryCIDRs: [], Mirrors: [] },
          NCPU: 1,
          MemTotal: facts.memTotal,
          DockerRootDir: "/var/lib/docker",
          Name: facts.name,
          Labels: [],
          ExperimentalBuild: false,
          ServerVersion: facts.version,
          Runtimes: { runc: { path: "drydock-agent" } },
          DefaultRuntime: "runc",
          Swarm: { NodeID: "", NodeAddr: "", LocalNodeState: "inactive", ControlAvailable: false, Error: "", RemoteManagers: null },
          LiveRestoreEnabled: false,
          Isolation: "",
          InitBinary: "",
          SecurityOptions: ["name=cgroupns"],
          Warnings: [],
        });
      },
    },
  ];
}
