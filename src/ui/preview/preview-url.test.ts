import { describe, expect, it } from "vitest";
import { previewOfHostUrl, previewUrl } from "./preview-url";

const base = "http://127.0.0.1:5173/drydock/index.html";

describe("previewUrl", () => {
  it("puts a port's page under preview/<port>/ beside the app", () => {
    expect(previewUrl(8080, "/", base)).toBe("http://127.0.0.1:5173/drydock/preview/8080/");
    expect(previewUrl(8080, "docs/a.html?x=1", base)).toBe("http://127.0.0.1:5173/drydock/preview/8080/docs/a.html?x=1");
  });
});

describe("previewOfHostUrl", () => {
  it("shows the Docker host's own addresses in the preview", () => {
    expect(previewOfHostUrl("http://localhost:8080/big?x#top", base)).toBe("http://127.0.0.1:5173/drydock/preview/8080/big?x#top");
    expect(previewOfHostUrl("http://127.0.0.1/", base)).toBe("http://127.0.0.1:5173/drydock/preview/80/");
  });

  it("leaves other addresses alone", () => {
    expect(previewOfHostUrl("https://docs.docker.com/go/formatting/", base)).toBeUndefined();
    expect(previewOfHostUrl("http://docker:2375/version", base)).toBeUndefined();
    expect(previewOfHostUrl("https://localhost:8443/", base)).toBeUndefined();
  });
});
