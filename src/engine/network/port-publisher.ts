import type { ByteStream } from "../../shared/byte-stream";
import type { Disposable } from "../../shared/disposable";
import type { RuntimeConnection } from "../runtime/runtime";

/** Where a published port's connections go: a new TCP connection to the container's address and port. */
export type PortDialer = () => Promise<RuntimeConnection>;

/**
 * One place a published port is reachable, docker-proxy's role: the guest's sockets (the agent
 * listens), or this machine's (Node's listener). `publish` listens on ip:port and pipes each
 * connection to `dial`; it throws, with the words Docker's proxy would use, when it cannot.
 */
export interface PortPublisher {
  publish(ip: string, port: number, dial: PortDialer): Promise<Disposable>;
}

/** A client's connection and the container's, joined both ways, each end ending the other. */
export async function pipeToContainer(client: ByteStream, dial: PortDialer): Promise<void> {
  let upstream: RuntimeConnection;
  try {
    upstream = await dial();
  } catch {
    client.end();
    return;
  }
  upstream.onData((bytes) => client.write(bytes).catch(() => undefined));
  client.onData((bytes) => upstream.write(bytes).catch(() => undefined));
  client.onEnd(() => upstream.end());
  void upstream.closed().then(
    () => client.end(),
    () => client.end(),
  );
}
