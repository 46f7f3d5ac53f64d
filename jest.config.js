/** @type {import('jest').Config} */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: [
    "<rootDir>/provider",
    "<rootDir>/common",
    "<rootDir>/simulator",
    "<rootDir>/report",
    "<rootDir>/policy",
    "<rootDir>/audit",
    "<rootDir>/packaging",
    "<rootDir>/test",
  ],
  testMatch: ["**/*.test.ts"],
  // The engine suite has its own config (jest.engine.config.js) and needs the Pulumi CLI.
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/engine/"],
  testTimeout: 60000,
  // The engine-path tests start real child processes and servers; two workers keep a
  // 2-core machine responsive.
  maxWorkers: 2,
};
