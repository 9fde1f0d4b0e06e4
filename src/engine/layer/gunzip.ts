import { DrydockError } from "../../shared/errors";

/** The tar itself: gunzipped when it starts with gzip's magic number. */
export async function gunzipped(source: Uint8Array): Promise<Uint8Array> {
  if (!isGzip(source)) return source;
  const stream = new Blob([source as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream("gzip"));
  try {
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (error) {
    throw new DrydockError("InvalidParameter", `invalid layer: the gzip stream is damaged (${String(error)})`);
  }
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Bytes as a stream of one chunk, for readers that take streams. */
export async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}
