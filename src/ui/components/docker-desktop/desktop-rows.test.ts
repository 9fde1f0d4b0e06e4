import { describe, expect, it } from "vitest";
import { staleAfter } from "../../docker-client-over-worker";
import { containerView, imageView, layerViews, logText } from "./desktop-rows";

describe("the desktop's rows", () => {
  it("shows a container by name, state in words, and published ports", () => {
    const view = containerView({
      Id: "a".repeat(64),
      Names: ["/web"],
      Image: "busybox",
      ImageID: "sha256:b",
      Command: "httpd",
      Created: 0,
      State: "running",
      Status: "Up 3 minutes",
      Ports: [
        { PrivatePort: 443, Type: "tcp" },
        { IP: "0.0.0.0", PrivatePort: 80, PublicPort: 8080, Type: "tcp" },
      ],
    });
    expect(view).toMatchObject({ name: "web", image: "busybox", running: true, state: "Running", status: "Up 3 minutes", ports: [{ label: "0.0.0.0:8080→80/tcp", hostPort: 8080 }, { label: "443/tcp" }] });
  });

  it("does not repeat the state word in the status beside it", () => {
    const view = containerView({ Id: "b".repeat(64), Names: ["/done"], Image: "hello-world", ImageID: "sha256:c", Command: "/hello", Created: 0, State: "exited", Status: "Exited (0) 5 minutes ago", Ports: [] });
    expect(view).toMatchObject({ running: false, state: "Exited", status: "(0) 5 minutes ago" });
  });

  it("shows an image by its first tag, short ID and size as docker images does", () => {
    const view = imageView({ Id: "sha256:" + "c0ffee".repeat(10) + "abcd", RepoTags: ["busybox:latest", "mine:1"], RepoDigests: null, Created: 0, Size: 4_261_000 });
    expect(view).toMatchObject({ name: "busybox:latest", alsoTagged: ["mine:1"], shortId: "c0ffeec0ffee", size: "4.26MB" });
    expect(imageView({ Id: "sha256:1", RepoTags: ["<none>:<none>"], RepoDigests: null, Created: 0, Size: 1 }).name).toBe("<none>");
  });

  it("lists an image's layers newest first, each with the instruction that made it and its size", () => {
    // GET /images/app/history of FROM busybox, RUN, COPY, CMD, built by the classic builder.
    const entry = (CreatedBy: string, Size: number) => ({ Id: "<missing>", Created: 1_767_225_600, CreatedBy, Tags: null, Size, Comment: "" });
    const layers = layerViews([
      { ...entry('/bin/sh -c #(nop)  CMD ["sh"]', 0), Id: "sha256:54f1e8f2", Tags: ["app:latest"] },
      entry("/bin/sh -c #(nop) COPY file:b0a770a5460c2a278e4b872477133120f35bfe34f256ed7dda28faec1d6794a8 in /hello.txt ", 2048),
      entry("/bin/sh -c echo hi > /hi.txt", 1536),
      entry("|1 V=9 /bin/sh -c echo $V", 1024),
      entry("drydock: Debian's busybox-static (i386), one hard link per applet", 2_264_064),
    ]);
    expect(layers).toEqual([
      { instruction: 'CMD ["sh"]', size: "0B" },
      { instruction: "COPY file:b0a770a5460c2a278e4b872477133120f35bfe34f256ed7dda28faec1d6794a8 in /hello.txt", size: "2.05kB" },
      { instruction: "/bin/sh -c echo hi > /hi.txt", size: "1.54kB" },
      { instruction: "|1 V=9 /bin/sh -c echo $V", size: "1.02kB" },
      { instruction: "drydock: Debian's busybox-static (i386), one hard link per applet", size: "2.26MB" },
    ]);
  });

  it("reads a log whether it is multiplexed or raw", () => {
    const frame = (stream: number, text: string) => [stream, 0, 0, 0, 0, 0, 0, text.length, ...new TextEncoder().encode(text)];
    expect(logText(new Uint8Array([...frame(1, "out\n"), ...frame(2, "err\n")]), true)).toBe("out\nerr\n");
    expect(logText(new TextEncoder().encode("tty\r\n"), false)).toBe("tty\r\n");
  });

  it("refreshes the list an event changes, and not for an attach or an exec", () => {
    expect(staleAfter({ Type: "container", Action: "die" })).toEqual({ containers: true, images: false });
    expect(staleAfter({ Type: "container", Action: "exec_start: sh" })).toEqual({ containers: false, images: false });
    expect(staleAfter({ Type: "image", Action: "pull" })).toEqual({ containers: false, images: true });
    expect(staleAfter({ Type: "network", Action: "connect" })).toEqual({ containers: false, images: false });
  });
});
