import type { Disposable } from "../shared/disposable";
import type { DockerHost } from "./docker-host";

/**
 * The guest console `drydock shell` works on: the Docker host in this process (hostShell), or
 * the one a `drydock daemon` runs, through its console socket (console-client.ts).
 */
export interface GuestShell {
  /** Whose console this is, as the shell tells a terminal it attached. */
  readonly attachedTo: string;
  /**
   * Resolves to the console's current line (its prompt), for the terminal to draw first; from
   * then on `onData` gets all the console prints, and `onEnd` is told if the console goes away
   * (its daemon stopped).
   */
  attach(onData: (chunk: Uint8Array) => void, onEnd: () => void): Promise<Attachment>;
  write(data: Uint8Array): void;
  /** Resolves once what is written after it is read at the new size. */
  resize(columns: number, rows: number): Promise<void>;
  /** The console's last output, where its prompt shows. */
  tail(): string;
  /** Runs a command in the guest (Machine.run): its output to `onOutput`, its exit status returned. */
  run(command: string, onOutput: (bytes: Uint8Array) => void): Promise<number>;
  /** Done with it: a host of this process stops, a daemon's keeps running. */
  close(): Promise<void>;
}

export interface Attachment extends Disposable {
  screen: Uint8Array;
}

// The console's text is one char per byte (GuestConsole.tail).
const bytesOf = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

export function hostShell(host: DockerHost): GuestShell {
  const { machine } = host;
  return {
    attachedTo: "the guest console",
    attach: async (onData) => Object.assign(machine.console.onData(onData), { screen: bytesOf(machine.screen) }),
    write: (data) => machine.console.write(data),
    resize: (columns, rows) => machine.console.resize(columns, rows),
    tail: () => machine.console.tail(),
    run: async (command, onOutput) => (await machine.run(command, { onOutput })).status,
    close: () => host.stop(),
  };
}
