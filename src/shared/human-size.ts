import { formatG } from "./go-float";

/** docker/go-units' sizes: "4.26kB" in powers of 1000, "1.5KiB" in powers of 1024, %.Ng digits. */
const DECIMAL = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
const BINARY = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"];

/** HumanSize: four significant digits, decimal units ("2.746MB", "796kB"). */
export function humanSize(bytes: number): string {
  return humanSizeWithPrecision(bytes, 4);
}

/** HumanSizeWithPrecision: `docker images` and `docker ps -s` use precision 3 ("1.09MB"). */
export function humanSizeWithPrecision(bytes: number, precision: number): string {
  const [size, unit] = scale(bytes, 1000, DECIMAL);
  return formatG(size, precision) + unit;
}

/** BytesSize: four significant digits, binary units ("32MiB", "1.5KiB"). */
export function bytesSize(bytes: number): string {
  const [size, unit] = scale(bytes, 1024, BINARY);
  return formatG(size, 4) + unit;
}

// Divides until under one `base`, as go-units does (a negative size stays in bytes).
function scale(size: number, base: number, units: readonly string[]): [number, string] {
  let i = 0;
  while (size >= base && i < units.length - 1) {
    size /= base;
    i++;
  }
  return [size, units[i]!];
}
