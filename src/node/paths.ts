import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const IMAGES_DIR = process.env.DRYDOCK_IMAGES ?? join(PROJECT_ROOT, "public", "images");
export const V86_WASM = require.resolve("v86/build/v86.wasm");
export const V86_VERSION: string = (require("v86/package.json") as { version: string }).version;
