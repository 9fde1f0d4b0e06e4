import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { storeContract } from "../../../tests/support/store-contract";
import { FsBlobStore } from "./fs-blob-store";
import { FsKvStore } from "./fs-kv-store";

storeContract("node:fs", async () => {
  const dir = mkdtempSync(join(tmpdir(), "drydock-store-"));
  return { blobs: new FsBlobStore(join(dir, "blobs")), kv: new FsKvStore(join(dir, "kv")) };
});
