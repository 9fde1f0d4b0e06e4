// IndexedDB in Node: fake-indexeddb implements the W3C spec (the browser's own is used by the
// worker; this checks our use of the API against the same contract as the other stores).
import "fake-indexeddb/auto";
import { storeContract } from "../../../tests/support/store-contract";
import { openIndexedDbStores } from "./indexeddb-stores";

let n = 0;
storeContract("IndexedDB", () => openIndexedDbStores(indexedDB, `test-${n++}`));
