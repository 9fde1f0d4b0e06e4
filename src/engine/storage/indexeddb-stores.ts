import { DrydockError } from "../../shared/errors";
import { verifyDigest, type BlobStore } from "./blob-store";
import type { KvStore } from "./kv-store";

const BLOBS = "blobs";
const RECORDS = "records";

/**
 * The browser's stores: one IndexedDB database with a blob store and a record store. A write
 * is one transaction, so a reload mid-pull leaves a blob whole or absent. The factory comes in
 * from worker.ts (the engine does not touch globals).
 */
export async function openIndexedDbStores(factory: IDBFactory, name = "drydock"): Promise<{ blobs: BlobStore; kv: KvStore }> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = factory.open(name, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(BLOBS);
      request.result.createObjectStore(RECORDS);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(new DrydockError("Unavailable", `IndexedDB: ${request.error?.message ?? "cannot open the database"}`));
  });
  const run = <T>(store: string, mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> =>
    new Promise((resolve, reject) => {
      const transaction = db.transaction(store, mode);
      const request = work(transaction.objectStore(store));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(new DrydockError("Unavailable", `IndexedDB: ${transaction.error?.message ?? "the write failed"}`));
      transaction.onabort = transaction.onerror;
    });

  const blobs: BlobStore = {
    has: async (digest) => (await run(BLOBS, "readonly", (s) => s.count(digest))) > 0,
    get: async (digest) => {
      const value = await run<Uint8Array | undefined>(BLOBS, "readonly", (s) => s.get(digest));
      if (!value) throw new DrydockError("NotFound", `blob unknown: ${digest}`);
      return value;
    },
    put: async (digest, bytes) => {
      await verifyDigest(digest, bytes);
      await run(BLOBS, "readwrite", (s) => s.put(bytes, digest));
    },
    delete: async (digest) => void (await run(BLOBS, "readwrite", (s) => s.delete(digest))),
    size: async () => {
      const all = await run<Uint8Array[]>(BLOBS, "readonly", (s) => s.getAll());
      return all.reduce((n, blob) => n + blob.length, 0);
    },
  };
  const kv: KvStore = {
    get: async <T>(key: string) => (await run<T | undefined>(RECORDS, "readonly", (s) => s.get(key))) as T | undefined,
    put: async (key, value) => void (await run(RECORDS, "readwrite", (s) => s.put(structuredClone(value), key))),
    delete: async (key) => void (await run(RECORDS, "readwrite", (s) => s.delete(key))),
    keys: async (prefix) => {
      const range = IDBKeyRange.bound(prefix, prefix + "\uffff");
      return (await run<IDBValidKey[]>(RECORDS, "readonly", (s) => s.getAllKeys(range))).map(String);
    },
  };
  return { blobs, kv };
}
