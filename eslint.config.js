// Lint: TypeScript rules plus the import boundaries of ARCHITECTURE.md.
import tseslint from "typescript-eslint";

const nodeBuiltins = { group: ["node:*"], message: "Only src/node and tooling may use Node built-ins." };
const engineBoundary = { group: ["**/ui/**", "**/node/**"], message: "The engine imports shared/ only (and its own modules)." };

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "guest/.build/", "public/"] },
  ...tseslint.configs.recommended,
  {
    files: ["src/shared/**/*.ts"],
    ignores: ["src/shared/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ regex: "^(?!\\./[^/]+$)", message: "src/shared imports nothing but its own files." }] },
      ],
    },
  },
  {
    files: ["src/engine/**/*.ts"],
    ignores: ["src/engine/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [nodeBuiltins, engineBoundary],
        },
      ],
      "no-restricted-globals": [
        "error",
        { name: "fetch", message: "Take fetch as a parameter; only engine/worker.ts touches it." },
        { name: "indexedDB", message: "Storage comes in through an interface." },
        { name: "self", message: "Only engine/worker.ts touches self." },
        { name: "window", message: "The engine runs in a worker: no DOM." },
        { name: "document", message: "The engine runs in a worker: no DOM." },
      ],
    },
  },
  {
    // The daemon sits below the API and the CLI and knows the VM only through the Runtime
    // contract: the composition root (engine/engine.ts) wires them together.
    files: ["src/engine/daemon/**/*.ts"],
    ignores: ["src/engine/daemon/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            nodeBuiltins,
            engineBoundary,
            { group: ["**/api/**", "**/cli/**", "**/machine/**"], message: "daemon/ imports no api/, cli/ or machine/: it implements the backends the routes take." },
          ],
        },
      ],
    },
  },
  {
    files: ["src/engine/worker.ts"],
    rules: { "no-restricted-globals": "off" },
  },
  {
    files: ["src/ui/**/*.ts"],
    ignores: ["src/ui/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            nodeBuiltins,
            { group: ["**/engine/**", "**/node/**"], message: "The UI talks to the engine through the worker protocol only." },
          ],
        },
      ],
    },
  },
);
