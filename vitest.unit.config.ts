import { defineConfig } from "vitest/config";

// `npm run test:unit`: the tests that need neither the VM, nor a browser, nor the images in
// public/images (so no snapshot set-up): the engine's logic over the fake Runtime and memory
// stores, Drydock's CLI against that daemon (the golden files marked no-guest included), the
// lessons' schema, the API bodies' conformance, and request bodies streamed over the real
// transports. `npm test` runs these and all the others.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "tests/cli/golden-fake.test.ts", "tests/lessons/lesson-schema.test.ts", "tests/conformance/*.test.ts", "tests/api/streamed-bodies.test.ts", "tests/api/build.test.ts", "tests/api/build-edges.test.ts", "tests/api/networks.test.ts"],
    // The built-in hub's tests read the images shipped in public/images/hub. (The agent's C
    // under the sanitizers, tests/agent, needs a 32-bit gcc and half a minute: npm test runs it.)
    exclude: ["src/engine/registry/registry.test.ts"],
    // One module cache per worker, not per file: importing the engine again for each file took
    // four fifths of the run. Each test makes its own engine; one that changes a global puts it
    // back (fake timers: vi.useRealTimers after each).
    isolate: false,
    // The data root lock's tests start daemons in child processes, slow on a busy machine.
    testTimeout: 30_000,
  },
});
