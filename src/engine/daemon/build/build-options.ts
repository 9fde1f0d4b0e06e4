/** What `POST /build` asks for, its query read (the context is the body). */
export interface BuildOptions {
  /** References to tag the image with, as given. */
  tags: string[];
  /** The Dockerfile's path in the context; "" for the default. */
  dockerfile: string;
  /** --build-arg: a null value takes none (the client had no such variable). */
  buildArgs: Record<string, string | null>;
  target?: string;
  labels: Record<string, string>;
  noCache: boolean;
  /** Only the image ID is streamed (the rest only when the build fails). */
  quiet: boolean;
  /** Pull every FROM image again, present or not. */
  pull: boolean;
}
