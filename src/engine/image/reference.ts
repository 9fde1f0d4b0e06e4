import { DrydockError } from "../../shared/errors";

/** A parsed image reference: docker.io/library/busybox:latest, localhost:5000/app@sha256:... */
export interface Reference {
  /** The registry host: "docker.io" for Docker Hub. */
  domain: string;
  /** The repository path on it: "library/busybox". */
  path: string;
  tag?: string;
  digest?: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const DOCKER_HUB = "docker.io";

function invalid(detail?: string): DrydockError {
  return new DrydockError("InvalidParameter", detail ? `invalid reference format: ${detail}` : "invalid reference format");
}

/** Parses what a user types (`busybox`, `busybox:1.36`, `me/app@sha256:...`), as Docker does. */
export function parseReference(text: string): Reference {
  if (!text || text.length > 255) throw invalid();
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw invalid();
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw invalid();
  }
  const parts = rest.split("/");
  let domain = DOCKER_HUB;
  if (parts.length > 1 && (parts[0]!.includes(".") || parts[0]!.includes(":") || parts[0] === "localhost")) domain = parts.shift()!;
  if (domain === "index.docker.io") domain = DOCKER_HUB;
  if (parts.length === 0 || parts.some((p) => !COMPONENT.test(p))) {
    if (rest !== rest.toLowerCase() && parts.every((p) => COMPONENT.test(p.toLowerCase()))) {
      throw invalid(`repository name (${(domain === DOCKER_HUB && parts.length === 1 ? ["library", ...parts] : parts).join("/")}) must be lowercase`);
    }
    throw invalid();
  }
  if (domain === DOCKER_HUB && parts.length === 1) parts.unshift("library");
  return { domain, path: parts.join("/"), ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/** The reference with :latest when it names neither a tag nor a digest. */
export function withDefaultTag(reference: Reference): Reference {
  return reference.tag || reference.digest ? reference : { ...reference, tag: "latest" };
}

/** The repository as Docker shows it: `busybox`, `me/app`, `localhost:5000/app`. */
export function familiarName(reference: Reference): string {
  if (reference.domain !== DOCKER_HUB) return `${reference.domain}/${reference.path}`;
  return reference.path.startsWith("library/") ? reference.path.slice("library/".length) : reference.path;
}

/** `busybox:latest`, `busybox@sha256:...`. */
export function familiarString(reference: Reference): string {
  return familiarName(reference) + (reference.tag ? `:${reference.tag}` : "") + (reference.digest ? `@${reference.digest}` : "");
}

/** The full form images are stored under: docker.io/library/busybox:latest. */
export function canonicalString(reference: Reference): string {
  return `${reference.domain}/${reference.path}` + (reference.tag ? `:${reference.tag}` : "") + (reference.digest ? `@${reference.digest}` : "");
}
