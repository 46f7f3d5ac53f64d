/**
 * The engine suite: the real `pulumi` CLI (built by engine/install.sh in the global setup) against
 * the simulator. `npm run test:engine`.
 * @type {import('jest').Config}
 */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test/engine"],
  testMatch: ["**/*.test.ts"],
  globalSetup: "<rootDir>/test/engine/support/globalSetup.ts",
  // Measured: one `pulumi up` of a small program takes 5-10 s on an idle 2-core machine. A test
  // runs a handful of commands; ten minutes leaves room for a loaded CI machine.
  testTimeout: 600000,
  // Every test starts the CLI, a language host, node with ts-node and a provider host: two at once
  // keep a 2-core machine busy without starving either.
  maxWorkers: 2,
};
