import { describe, expect, it } from "vitest";
import { TabWriter, type TabWriterOptions } from "./tabwriter";

// What Go 1.19's text/tabwriter printed for the same writes and settings.
const CASES: { name: string; options: TabWriterOptions; writes: string[]; go: string }[] = [
  {
    name: "ps",
    options: { minWidth: 10, tabWidth: 1, padding: 3, padChar: " " },
    writes: ["CONTAINER ID\tIMAGE\tCOMMAND\tCREATED\tSTATUS\tPORTS\tNAMES\n", "3f4e5a6b7c8d\tnginx:latest\t\"/docker-entrypoint.…\"\t2 minutes ago\tUp 2 minutes\t0.0.0.0:8080->80/tcp\tweb\n", "a1b2c3d4e5f6\tredis\t\"docker-entrypoint.s…\"\tAbout an hour ago\tExited (0) 5 seconds ago\t\tcache\n"],
    go: "CONTAINER ID   IMAGE          COMMAND                  CREATED             STATUS                     PORTS                  NAMES\n3f4e5a6b7c8d   nginx:latest   \"/docker-entrypoint.…\"   2 minutes ago       Up 2 minutes               0.0.0.0:8080->80/tcp   web\na1b2c3d4e5f6   redis          \"docker-entrypoint.s…\"   About an hour ago   Exited (0) 5 seconds ago                          cache\n",
  },
  {
    name: "images",
    options: { minWidth: 10, tabWidth: 1, padding: 3, padChar: " " },
    writes: ["REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE\n", "hello-world\tlatest\td2c94e258dcb\t18 months ago\t13.3kB\n", "alpine\t3.19\t05455a08881e\t2 weeks ago\t7.38MB\n"],
    go: "REPOSITORY    TAG       IMAGE ID       CREATED         SIZE\nhello-world   latest    d2c94e258dcb   18 months ago   13.3kB\nalpine        3.19      05455a08881e   2 weeks ago     7.38MB\n",
  },
  {
    name: "header only",
    options: { minWidth: 10, tabWidth: 1, padding: 3, padChar: " " },
    writes: ["CONTAINER ID\tIMAGE\tNAMES\n"],
    go: "CONTAINER ID   IMAGE     NAMES\n",
  },
  {
    name: "block restarts",
    options: { minWidth: 0, tabWidth: 1, padding: 1, padChar: "." },
    writes: ["a\tb\tc\n", "aaaa\tbbbbbb\n", "no tabs here\n", "xx\tyyyyyyyy\tz\n", "x\ty\n"],
    go: "a....b.c\naaaa.bbbbbb\nno tabs here\nxx.yyyyyyyy.z\nx..y\n",
  },
  {
    name: "go doc",
    options: { minWidth: 0, tabWidth: 8, padding: 1, padChar: "-" },
    writes: ["aaaa\tbbb\td\n", "aa\tb\tdd\n", "a\t\n", "aa\tcccc\teee\n"],
    go: "aaaa-bbb-d\naa---b---dd\na----\naa---cccc-eee\n",
  },
  {
    name: "fewer cells",
    options: { minWidth: 5, tabWidth: 1, padding: 2, padChar: " " },
    writes: ["a\tb\tc\td\n", "a\tb\n", "a\tb\tc\td\n"],
    go: "a    b    c    d\na    b\na    b    c    d\n",
  },
  {
    name: "empty cells",
    options: { minWidth: 4, tabWidth: 1, padding: 1, padChar: "*" },
    writes: ["\t\tx\n", "abc\t\ty\n", "\tdefgh\tz\n"],
    go: "**********x\nabc*******y\n****defgh*z\n",
  },
  {
    name: "trailing text no newline",
    options: { minWidth: 0, tabWidth: 1, padding: 1, padChar: " " },
    writes: ["a\tbb\n", "ccc\td"],
    go: "a   bb\nccc d",
  },
  {
    name: "trailing cell",
    options: { minWidth: 0, tabWidth: 1, padding: 1, padChar: " " },
    writes: ["a\tbb\t\n", "ccc\td\t"],
    go: "a   bb \nccc d",
  },
  {
    name: "runes",
    options: { minWidth: 0, tabWidth: 1, padding: 2, padChar: " " },
    writes: ["ab…\tx\n", "héllo wörld\ty\n", "😀\tz\n"],
    go: "ab…          x\nhéllo wörld  y\n😀            z\n",
  },
  {
    name: "split writes",
    options: { minWidth: 10, tabWidth: 1, padding: 3, padChar: " " },
    writes: ["NA", "ME\tVAL", "UE\nfoo", "\tbar\n"],
    go: "NAME      VALUE\nfoo       bar\n",
  },
  {
    name: "top",
    options: { minWidth: 20, tabWidth: 1, padding: 3, padChar: " " },
    writes: ["UID\tPID\tPPID\tC\tSTIME\tTTY\tTIME\tCMD\n", "root\t1234\t1200\t0\t10:00\t?\t00:00:00\tnginx: master process nginx -g daemon off;\n"],
    go: "UID                 PID                 PPID                C                   STIME               TTY                 TIME                CMD\nroot                1234                1200                0                   10:00               ?                   00:00:00            nginx: master process nginx -g daemon off;\n",
  },
  {
    name: "align right",
    options: { minWidth: 0, tabWidth: 1, padding: 1, padChar: " ", alignRight: true },
    writes: ["a\tbbb\tc\n", "aaaa\tb\tc\n", "\tx\n"],
    go: "    a bbbc\n aaaa   bc\n     x\n",
  },
  {
    name: "debug",
    options: { minWidth: 0, tabWidth: 1, padding: 1, padChar: " ", debug: true },
    writes: ["a\tbbb\tc\n", "aaaa\tb\tc\n"],
    go: "a    |bbb |c\naaaa |b   |c\n",
  },
  {
    name: "tab padding",
    options: { minWidth: 0, tabWidth: 8, padding: 1, padChar: "\t" },
    writes: ["a\tbbbbbbbbb\tc\n", "aaaa\tb\tc\n"],
    go: "a\tbbbbbbbbb\tc\naaaa\tb\t\tc\n",
  },
  {
    name: "formfeed",
    options: { minWidth: 0, tabWidth: 1, padding: 1, padChar: " ", debug: true },
    writes: ["a\tb\n", "aaa\tb\f", "a\tb\n"],
    go: "a   |b\naaa |b\n---\na |b\n",
  },
  {
    name: "vtab",
    options: { minWidth: 0, tabWidth: 1, padding: 1, padChar: " " },
    writes: ["a\u000bb\tc\n", "aaa\u000bb\tc\n"],
    go: "a   b c\naaa b c\n",
  },
  {
    name: "empty",
    options: { minWidth: 10, tabWidth: 1, padding: 3, padChar: " " },
    writes: [],
    go: "",
  },
  {
    name: "blank lines",
    options: { minWidth: 0, tabWidth: 1, padding: 1, padChar: " " },
    writes: ["a\tb\n\nccc\td\n\n"],
    go: "a b\n\nccc d\n\n",
  },
];

describe("TabWriter", () => {
  it.each(CASES)("$name", ({ options, writes, go }) => {
    const writer = new TabWriter(options);
    for (const text of writes) writer.write(text);
    expect(writer.flush()).toBe(go);
  });

  it("starts over after a flush", () => {
    const writer = new TabWriter({ minWidth: 0, tabWidth: 1, padding: 1, padChar: " " });
    writer.write("aaaa\tb\n");
    expect(writer.flush()).toBe("aaaa b\n");
    writer.write("a\tb\n");
    expect(writer.flush()).toBe("a b\n");
  });
});
