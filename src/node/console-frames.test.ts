import { describe, expect, it } from "vitest";
import { FRAME, FrameReader, encodeFrame, exitFrame, readExit, readResize, resizeFrame } from "./console-frames";

describe("console frames", () => {
  it("come out of a stream whole, however it is cut", () => {
    const bytes = new Uint8Array([...encodeFrame(FRAME.attach), ...encodeFrame(FRAME.data, new Uint8Array([104, 105])), ...resizeFrame(111, 33), ...exitFrame(-1)]);
    for (const cut of [1, 3, 5, 7, bytes.length]) {
      const reader = new FrameReader();
      const frames = [];
      for (let at = 0; at < bytes.length; at += cut) frames.push(...reader.push(bytes.subarray(at, at + cut)));
      expect(frames.map((f) => f.type)).toEqual([FRAME.attach, FRAME.data, FRAME.resize, FRAME.exit]);
      expect([...frames[1]!.payload]).toEqual([104, 105]);
      expect(readResize(frames[2]!.payload)).toEqual({ columns: 111, rows: 33 });
      expect(readExit(frames[3]!.payload)).toBe(-1);
    }
  });

  it("refuse what is not this protocol: an unknown type, a payload past 1 MiB, a size that is not 4 bytes", () => {
    expect(() => new FrameReader().push(new TextEncoder().encode("GET / HTTP/1.1\r\n"))).toThrow(/not a console frame/);
    const huge = new Uint8Array([FRAME.data, 0, 0x10, 0, 1]);
    expect(() => new FrameReader().push(huge)).toThrow(/not a console frame \(type 3, 1048577 bytes\)/);
    expect(() => readResize(new Uint8Array(3))).toThrow(/3 bytes where 4 belong/);
  });
});
