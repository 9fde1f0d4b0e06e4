import { describe, expect, it } from "vitest";
import { HttpImageSource } from "./http-image-source";

const page = "<!doctype html><html><body>the app</body></html>";

/** A static host with a single-page fallback: what it has, else its index.html with 200. */
const fallbackHost = (files: Record<string, string>) => async (url: string) => {
  const name = new URL(url).pathname.replace(/^\/images\//, "");
  if (name in files) return new Response(files[name], { headers: { "content-type": "application/octet-stream" } });
  return new Response(page, { headers: { "content-type": "text/html; charset=utf-8" } });
};

describe("HttpImageSource", () => {
  it("reads a file the host has", async () => {
    const source = new HttpImageSource("http://site/images/", fallbackHost({ bzImage: "kernel" }));
    expect(new TextDecoder().decode(await source.read("bzImage"))).toBe("kernel");
  });

  it("takes the page a single-page fallback answers with for a missing file", async () => {
    const source = new HttpImageSource("http://site/images/", fallbackHost({}));
    await expect(source.read("snapshot.json")).rejects.toMatchObject({
      kind: "NotFound",
      message: "public/images/snapshot.json is missing (the server answered with a web page in its place)",
    });
  });
});
