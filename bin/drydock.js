#!/usr/bin/env node
// The `drydock` command. Runs the TypeScript sources directly (tsx), so a clone needs no build.
import { register } from "tsx/esm/api";

register();
await import("../src/node/main.ts");
