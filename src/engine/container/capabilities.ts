import { DrydockError } from "../../shared/errors";
import { goQuote } from "../../shared/go-quote";

/** Linux's capabilities by number (linux/capability.h, as of the guest's 6.1 kernel). */
const ALL = [
  "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID",
  "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK",
  "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN",
  "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
  "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM",
  "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
] as const;

/** Docker's default set (moby's oci/caps DefaultCapabilities). */
const DEFAULTS = [
  "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID",
  "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
];

/**
 * CapAdd or CapDrop as Docker reads them (moby oci/caps NormalizeLegacyCapabilities): upper
 * case, with the CAP_ prefix added where missing; "ALL" stands for every one. An unknown name
 * is refused in Docker's words, e.g. `invalid CapAdd: unknown capability: "CAP_BOGUS"`.
 */
export function normalizeCapabilities(names: readonly string[], field: "CapAdd" | "CapDrop"): string[] {
  return names.map((name) => {
    const upper = goToUpper(name);
    if (upper === "ALL") return upper;
    const capability = upper.startsWith("CAP_") ? upper : `CAP_${upper}`;
    if (!(ALL as readonly string[]).includes(capability)) throw new DrydockError("InvalidParameter", `invalid ${field}: unknown capability: ${goQuote(capability)}`);
    return capability;
  });
}

/** strings.ToUpper: rune by rune, so ß stays ß (JavaScript makes it SS). */
function goToUpper(text: string): string {
  let out = "";
  for (const ch of text) {
    const upper = ch.toUpperCase();
    out += [...upper].length === 1 ? upper : ch;
  }
  return out;
}

/** The set a container's processes keep, as Docker composes it from --cap-add and --cap-drop. */
export function capabilitySet(add: readonly string[], drop: readonly string[]): string[] {
  const adds = normalizeCapabilities(add, "CapAdd");
  const drops = normalizeCapabilities(drop, "CapDrop");
  if (adds.includes("ALL")) return ALL.filter((cap) => !drops.includes(cap));
  if (drops.includes("ALL")) return [...new Set(adds)];
  return [...new Set([...DEFAULTS.filter((cap) => !drops.includes(cap)), ...adds])];
}

/** The set as the guest's agent takes it: bit n for capability number n, in hexadecimal. */
export function capabilityMask(caps: readonly string[]): string {
  let mask = 0n;
  for (const cap of caps) mask |= 1n << BigInt((ALL as readonly string[]).indexOf(cap));
  return mask.toString(16);
}
