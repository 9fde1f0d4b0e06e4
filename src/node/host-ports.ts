import { createServer, type Server } from "node:net";
import { pipeToContainer, type PortPublisher } from "../engine/network/port-publisher";
import { socketStream } from "./socket-stream";

/**
 * Published ports on this machine, docker-proxy's part in Node: a TCP listener on ip:port whose
 * connections are piped to the container. A port another program holds fails as the proxy says.
 */
export function hostPorts(): PortPublisher {
  return {
    async publish(ip, port, dial) {
      const server: Server = createServer((socket) => void pipeToContainer(socketStream(socket), dial));
      await new Promise<void>((resolve, reject) => {
        server.once("error", (error: NodeJS.ErrnoException) => {
          const why = error.code === "EADDRINUSE" ? "bind: address already in use" : error.code === "EACCES" ? "bind: permission denied" : error.code === "EADDRNOTAVAIL" ? "bind: cannot assign requested address" : error.message;
          reject(new Error(`Error starting userland proxy: listen tcp4 ${ip}:${port}: ${why}`));
        });
        server.listen({ host: ip, port, exclusive: true }, resolve);
      });
      return { dispose: () => void server.close() };
    },
  };
}
