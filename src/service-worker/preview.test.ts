import { describe, expect, it } from "vitest";
import { failure, previewTarget, rootLinkTarget } from "./preview";

const scope = new URL("http://127.0.0.1:5173/drydock/");

describe("previewTarget", () => {
  it("reads the port and the container's request target from preview/<port>/...", () => {
    expect(previewTarget(new URL("http://127.0.0.1:5173/drydock/preview/8080/"), scope)).toEqual({ port: 8080, target: "/" });
    expect(previewTarget(new URL("http://127.0.0.1:5173/drydock/preview/8080/cgi-bin/echo?x=1"), scope)).toEqual({ port: 8080, target: "/cgi-bin/echo?x=1" });
  });

  it("sends preview/<port> on to its directory, so relative links stay inside", () => {
    expect(previewTarget(new URL("http://127.0.0.1:5173/drydock/preview/8080?x=1"), scope)).toEqual({ redirect: "http://127.0.0.1:5173/drydock/preview/8080/?x=1" });
  });

  it("leaves the app's own files and other addresses alone", () => {
    expect(previewTarget(new URL("http://127.0.0.1:5173/drydock/assets/main.js"), scope)).toBeUndefined();
    expect(previewTarget(new URL("http://127.0.0.1:5173/preview/8080/"), scope)).toBeUndefined();
    expect(previewTarget(new URL("http://127.0.0.1:5173/drydock/preview/99999/"), scope)).toBeUndefined();
    expect(previewTarget(new URL("http://127.0.0.1:5173/drydock/preview/web/"), scope)).toBeUndefined();
  });
});

describe("rootLinkTarget", () => {
  const preview = "http://127.0.0.1:5173/drydock/preview/8080/docs/a.html";

  it("takes a preview page's requests from its server's root to the container, a navigation by its preview address", () => {
    expect(rootLinkTarget(new URL("http://127.0.0.1:5173/static/app.css?v=2"), scope, preview, false)).toEqual({ port: 8080, target: "/static/app.css?v=2" });
    expect(rootLinkTarget(new URL("http://127.0.0.1:5173/about"), scope, preview, true)).toEqual({ redirect: "http://127.0.0.1:5173/drydock/preview/8080/about" });
  });

  it("leaves the app's own requests and other sites' alone", () => {
    expect(rootLinkTarget(new URL("http://127.0.0.1:5173/drydock/assets/main.js"), scope, "http://127.0.0.1:5173/drydock/", false)).toBeUndefined();
    expect(rootLinkTarget(new URL("http://127.0.0.1:5173/static/app.css"), scope, "", false)).toBeUndefined();
    expect(rootLinkTarget(new URL("https://example.com/x.js"), scope, preview, false)).toBeUndefined();
  });
});

describe("failure", () => {
  it("is a page of its own, with the words escaped", async () => {
    const response = failure(502, "Nothing is published on port 9090 <of> the host.");
    expect(response.status).toBe(502);
    expect(await response.text()).toContain("<h1>502 Bad Gateway</h1><p>Nothing is published on port 9090 &#60;of&#62; the host.</p>");
  });
});
