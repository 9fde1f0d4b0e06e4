import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { Disposable } from "../shared/disposable";
import type { EngineWorkerChannel } from "./engine-worker-channel";
import { type DockerClient, dockerClientOverWorker, followEvents, staleAfter, type Stale } from "./docker-client-over-worker";
import { observeVisibility } from "./visibility";

/** A refresh after each burst of events (docker run: create, attach, start...), not after each one. */
const BURST_MS = 150;

/**
 * A view's own client of the daemon, following GET /events only while the view is shown: what
 * went stale (containers, images) is gathered over a burst of events and handed to `refresh`
 * once; all of it when the stream (re)opens.
 */
export class DaemonFollower implements ReactiveController {
  /** The view's client, while it has an engine. */
  api: DockerClient | undefined;
  private following: AbortController | undefined;
  private visibility: Disposable | undefined;
  private visible = false;
  private pending: Stale = { containers: false, images: false };
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & Element,
    /** The client's name in the architecture view's requests (its User-Agent). */
    private readonly clientName: string,
    private readonly refresh: (api: DockerClient, stale: Stale) => Promise<void>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.visibility = observeVisibility(this.host, (visible) => {
      this.visible = visible;
      this.follow();
    });
  }

  hostDisconnected(): void {
    this.visibility?.dispose();
    this.stop();
  }

  /** The engine the view was given (or none): a new client, following if shown. */
  useEngine(engine: EngineWorkerChannel | undefined): void {
    this.stop();
    this.api = engine ? dockerClientOverWorker(engine, this.clientName) : undefined;
    this.follow();
  }

  private follow(): void {
    if (!this.visible) return this.stop();
    if (!this.api || this.following) return;
    const following = new AbortController();
    this.following = following;
    void followEvents(
      this.api,
      following.signal,
      () => this.markStale({ containers: true, images: true }),
      (event) => this.markStale(staleAfter(event)),
    );
  }

  private stop(): void {
    this.following?.abort();
    this.following = undefined;
  }

  private markStale(stale: Stale): void {
    this.pending = { containers: this.pending.containers || stale.containers, images: this.pending.images || stale.images };
    if (!this.pending.containers && !this.pending.images) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const api = this.api;
      const pending = this.pending;
      this.pending = { containers: false, images: false };
      if (api) void this.refresh(api, pending);
    }, BURST_MS);
  }
}
