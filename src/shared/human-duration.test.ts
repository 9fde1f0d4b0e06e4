import { describe, expect, it } from "vitest";
import { humanDuration } from "./human-duration";

const s = 1000;
const min = 60 * s;
const h = 60 * min;
const day = 24 * h;
const week = 7 * day;
const month = 30 * day;
const year = 365 * day;

describe("humanDuration", () => {
  // Boundaries, and go-units' own TestHumanDuration table.
  it.each([
    [450, "Less than a second"],
    [-5 * s, "Less than a second"],
    [1 * s, "1 second"],
    [1999, "1 second"],
    [45 * s, "45 seconds"],
    [59.9 * s, "59 seconds"],
    [60 * s, "About a minute"],
    [119 * s, "About a minute"],
    [120 * s, "2 minutes"],
    [35 * min + 40 * s, "35 minutes"],
    [59 * min + 59 * s, "59 minutes"],
    [1 * h, "About an hour"],
    [1 * h + 29 * min, "About an hour"],
    [89 * min, "About an hour"],
    [90 * min, "2 hours"],
    [1 * h + 59 * min, "2 hours"],
    [3 * h + 29 * min, "3 hours"],
    [3 * h + 31 * min, "4 hours"],
    [24 * h, "24 hours"],
    [47 * h, "47 hours"],
    [47 * h + 30 * min, "2 days"],
    [48 * h, "2 days"],
    [13 * day + 5 * h, "13 days"],
    [2 * week, "2 weeks"],
    [4 * week + 3 * day, "4 weeks"],
    [1 * month, "4 weeks"],
    [1 * month + 2 * week, "6 weeks"],
    [2 * month, "2 months"],
    [5 * month + 2 * week, "5 months"],
    [24 * month, "24 months"],
    [24 * month + 2 * week, "2 years"],
    [3 * year + 2 * month, "3 years"],
  ])("%d ms is %s", (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});
