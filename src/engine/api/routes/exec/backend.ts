import type { ExecConfig, IdResponse } from "../../../../shared/engine-api/exec";
import type { Exec } from "../../../container/exec";
import type { StreamSession } from "../../../daemon/streams";

/** What the exec routes need of the daemon (moby's execBackend). */
export interface ExecBackend {
  create(nameOrId: string, config: ExecConfig): Promise<IdResponse>;
  inspect(id: string): Promise<Exec>;
  startDetached(id: string, consoleSize: readonly [number, number] | undefined): Promise<void>;
  startAttached(id: string, consoleSize: readonly [number, number] | undefined): Promise<StreamSession>;
  resize(id: string, rows: number, cols: number): Promise<void>;
}
