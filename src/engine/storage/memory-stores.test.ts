import { storeContract } from "../../../tests/support/store-contract";
import { MemoryBlobStore } from "./blob-store";
import { MemoryKvStore } from "./kv-store";

storeContract("memory", async () => ({ blobs: new MemoryBlobStore(), kv: new MemoryKvStore() }));
