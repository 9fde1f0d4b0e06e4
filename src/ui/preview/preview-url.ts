/**
 * Where the app shows a published port's pages: `preview/<port>/` under the app's own address,
 * which its service worker answers (src/service-worker/preview.ts reads the same shape). A page
 * of the container's at /a/b.html is at preview/8080/a/b.html, so its relative links stay inside.
 */
export function previewUrl(port: number, target = "/", base: string = document.baseURI): string {
  return new URL(`preview/${port}${target.startsWith("/") ? target : `/${target}`}`, base).href;
}

/** Addresses the Docker host itself answers for: the preview reaches its published ports. */
const HOST_NAMES = new Set(["localhost", "127.0.0.1", "0.0.0.0", "[::1]"]);

/**
 * An http address on the Docker host (`http://localhost:8080/x` as the guest prints it) in the
 * preview, or undefined for any other address. In the page, localhost is the guest's, never the
 * learner's machine, so only the preview can show it.
 */
export function previewOfHostUrl(address: string, base: string = document.baseURI): string | undefined {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" || !HOST_NAMES.has(url.hostname)) return undefined;
  return previewUrl(Number(url.port || 80), url.pathname + url.search + url.hash, base);
}
