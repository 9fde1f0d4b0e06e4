import type { ExchangeClient } from "../../shared/api-exchange";
import { bytePipe } from "../../shared/byte-pipe";
import type { ByteStream } from "../../shared/byte-stream";
import { serveConnection, type Handler } from "./http/server";
import type { ApiTap } from "./tap/api-tap";
import { tapConnection } from "./tap/tap-connection";

/** Connections to the API inside this process: HTTP/1.1 bytes through a pipe, as a socket would carry them. */
export function inProcessDialer(handle: Handler, client: ExchangeClient, tap?: ApiTap): () => Promise<ByteStream> {
  return async () => {
    const [near, far] = bytePipe();
    serveConnection(tapConnection(far, client, tap), handle);
    return near;
  };
}
