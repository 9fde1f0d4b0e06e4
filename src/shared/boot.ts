/** How the guest VM came up. */
export type BootMode = "snapshot" | "cold";

export type BootProgress =
  | { phase: "fetching"; loadedBytes: number; totalBytes: number }
  | { phase: "starting"; mode: BootMode };
