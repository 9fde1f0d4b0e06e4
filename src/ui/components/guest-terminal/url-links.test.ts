import { describe, expect, it } from "vitest";
import { findUrls } from "./url-links";

describe("findUrls", () => {
  it("finds the addresses a shell prints, without the punctuation around them", () => {
    expect(findUrls("Refer to https://docs.docker.com/go/formatting/ for more information.")).toEqual([{ start: 9, text: "https://docs.docker.com/go/formatting/" }]);
    expect(findUrls('curl "http://docker:2375/version", then (http://localhost/v1.47/info).')).toEqual([
      { start: 6, text: "http://docker:2375/version" },
      { start: 41, text: "http://localhost/v1.47/info" },
    ]);
  });

  it("finds nothing in a line without one", () => {
    expect(findUrls("root@drydock:~# ls /var/run/docker.sock")).toEqual([]);
  });
});
