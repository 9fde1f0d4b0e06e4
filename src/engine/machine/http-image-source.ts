import { DrydockError } from "../../shared/errors";
import type { ImageSource } from "./image-source";

type Fetch = (url: string) => Promise<Response>;

/** public/images over HTTP (the browser). `fetch` is handed in by the worker entry. */
export class HttpImageSource implements ImageSource {
  constructor(
    private readonly baseUrl: string,
    private readonly fetch: Fetch,
  ) {}

  describe(name: string): string {
    return `public/images/${name}`;
  }

  async read(name: string, onProgress?: (loadedBytes: number) => void): Promise<Uint8Array> {
    const url = new URL(name, this.baseUrl).href;
    let response: Response;
    try {
      response = await this.fetch(url);
    } catch (error) {
      throw new DrydockError("Unavailable", `could not fetch ${url}: ${(error as Error).message}`, { cause: error });
    }
    if (response.status === 404) throw new DrydockError("NotFound", `${this.describe(name)} is missing`);
    // No guest image is a web page: this is a host's single-page fallback (vite preview, many
    // static hosts) answering for a file it does not have.
    if (response.headers.get("content-type")?.startsWith("text/html")) {
      throw new DrydockError("NotFound", `${this.describe(name)} is missing (the server answered with a web page in its place)`);
    }
    if (!response.ok || !response.body) {
      throw new DrydockError("Unavailable", `could not fetch ${url}: HTTP ${response.status}`);
    }
    const chunks: Uint8Array[] = [];
    let loaded = 0;
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.length;
      onProgress?.(loaded);
    }
    const bytes = new Uint8Array(loaded);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    return bytes;
  }
}
