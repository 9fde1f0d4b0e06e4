import { DrydockError } from "../../shared/errors";
import { RegistryClient, type RegistryTransport } from "./registry-client";

/** The registry client of an offline Drydock: docker.io is the built-in hub, and no other registry answers. */
export function offlineRegistry(hub: RegistryTransport): RegistryClient {
  return new RegistryClient((domain) => {
    if (domain === "docker.io") return hub;
    return () => Promise.reject(new DrydockError("Unavailable", `Get "https://${domain}/v2/": the registry ${domain} cannot be reached: Drydock has no network beyond its built-in hub`));
  });
}
