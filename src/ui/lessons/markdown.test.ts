import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown";

describe("renderMarkdown", () => {
  it("renders the subset lessons use", () => {
    expect(renderMarkdown("One **bold** and *italic* and _this_,\nwith `docker ps`.\n\nTwo.")).toBe(
      "<p>One <strong>bold</strong> and <em>italic</em> and <em>this</em>, with <code>docker ps</code>.</p>\n<p>Two.</p>",
    );
    expect(renderMarkdown("- a\n- b `c`\n\n1. one\n2. two")).toBe("<ul><li>a</li><li>b <code>c</code></li></ul>\n<ol><li>one</li><li>two</li></ol>");
    expect(renderMarkdown("```sh\ndocker run -it busybox sh\n```")).toBe("<pre><code>docker run -it busybox sh</code></pre>");
    expect(renderMarkdown("### More")).toBe("<h4>More</h4>");
    expect(renderMarkdown("See [the API](https://docs.docker.com/engine/api/).")).toBe(
      '<p>See <a href="https://docs.docker.com/engine/api/" target="_blank" rel="noopener noreferrer">the API</a>.</p>',
    );
  });

  it("escapes everything else", () => {
    expect(renderMarkdown("<script>alert(1)</script> & \"x\"")).toBe("<p>&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;x&#34;</p>");
    expect(renderMarkdown("`<b>` **<i>**")).toBe("<p><code>&#60;b&#62;</code> <strong>&#60;i&#62;</strong></p>");
    expect(renderMarkdown("[x](javascript:alert(1))")).not.toContain("<a");
    expect(renderMarkdown('[x](https://a.example/"onmouseover="y)')).toContain('href="https://a.example/&#34;onmouseover=&#34;y"');
    expect(renderMarkdown("```\n</code><img src=x onerror=y>\n```")).toBe("<pre><code>&#60;/code&#62;&#60;img src=x onerror=y&#62;</code></pre>");
  });

  it("leaves the stars of a glob or a product alone", () => {
    expect(renderMarkdown("2 * 3 * 4 and /proc/*/ns")).toBe("<p>2 * 3 * 4 and /proc/*/ns</p>");
  });
});
