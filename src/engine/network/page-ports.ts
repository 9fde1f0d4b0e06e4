import type { Disposable } from "../../shared/disposable";
import { DrydockError } from "../../shared/errors";
import type { RuntimeConnection } from "../runtime/runtime";
import type { PortDialer, PortPublisher } from "./port-publisher";

/**
 * Published ports as the page reaches them (its preview of a container's web page): the browser
 * has no socket to listen on, so this keeps which host port dials which container, and the page
 * asks for a connection by number. A port bound on any address counts, 127.0.0.1 included: the
 * page is the host's own browser.
 */
export class PagePorts implements PortPublisher {
  private readonly dialers = new Map<number, PortDialer[]>();

  publish(_ip: string, port: number, dial: PortDialer): Promise<Disposable> {
    this.dialers.set(port, [...(this.dialers.get(port) ?? []), dial]);
    return Promise.resolve({
      dispose: () => {
        const left = (this.dialers.get(port) ?? []).filter((d) => d !== dial);
        if (left.length > 0) this.dialers.set(port, left);
        else this.dialers.delete(port);
      },
    });
  }

  /** A new connection to the container published on `port`, as a client of the host's would make. */
  async dial(port: number): Promise<RuntimeConnection> {
    const dial = this.dialers.get(port)?.[0];
    if (!dial) throw new DrydockError("NotFound", `no container publishes port ${port}`);
    return dial();
  }
}
