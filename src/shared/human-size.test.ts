import { describe, expect, it } from "vitest";
import { bytesSize, humanSize, humanSizeWithPrecision } from "./human-size";

// Each row was printed by docker/go-units: HumanSize, HumanSizeWithPrecision(size, 3), BytesSize.
const GO: [number, string, string, string][] = [
  [0, "0B", "0B", "0B"],
  [1, "1B", "1B", "1B"],
  [999, "999B", "999B", "999B"],
  [1000, "1kB", "1kB", "1000B"],
  [4261, "4.261kB", "4.26kB", "4.161KiB"],
  [999999, "1000kB", "1e+03kB", "976.6KiB"],
  [1090000, "1.09MB", "1.09MB", "1.04MiB"],
  [1024, "1.024kB", "1.02kB", "1KiB"],
  [1048576, "1.049MB", "1.05MB", "1MiB"],
  [2.746e6, "2.746MB", "2.75MB", "2.619MiB"],
  [3.42e9, "3.42GB", "3.42GB", "3.185GiB"],
  [5.372e12, "5.372TB", "5.37TB", "4.886TiB"],
  [1e27, "1000YB", "1e+03YB", "827.2YiB"],
  [1e30, "1e+06YB", "1e+06YB", "8.272e+05YiB"],
  [-5, "-5B", "-5B", "-5B"],
  [1536, "1.536kB", "1.54kB", "1.5KiB"],
  [33554432, "33.55MB", "33.6MB", "32MiB"],
  [3.42 * 1024 * 1024 * 1024, "3.672GB", "3.67GB", "3.42GiB"],
  [1234500, "1.234MB", "1.23MB", "1.177MiB"],
];

describe("go-units sizes", () => {
  it.each(GO)("%d bytes", (bytes, human, precision3, binary) => {
    expect([humanSize(bytes), humanSizeWithPrecision(bytes, 3), bytesSize(bytes)]).toEqual([human, precision3, binary]);
  });
});
