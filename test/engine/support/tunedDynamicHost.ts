import * as fs from "node:fs";
import * as path from "node:path";
import { repositoryRoot } from "../../../harness/workspace";
import type { AccountTuning } from "../../../provider/resources/account";

const dist = path.join(repositoryRoot, "dist", "provider");

/**
 * The dynamic door's test entry point: instead of the link to this repository, a project's
 * node_modules gets a `pulumi-aculab` whose `dynamic-host` (what the shim in state requires, in
 * the program's folder) is the product's providers wired with the test's tuning, so that a test
 * can make a batch close on an event it controls rather than a window of milliseconds. The
 * program's `require("pulumi-aculab")` is the build's, unchanged. Never part of the product: the
 * product's own entry point (provider/dynamic/host.ts) always wires the default tuning.
 */
export function installTunedDynamicHost(modules: string, tuning: AccountTuning): void {
  const dir = path.join(modules, "pulumi-aculab");
  fs.mkdirSync(dir, { recursive: true });
  const write = (file: string, text: string) => fs.writeFileSync(path.join(dir, file), text);
  write(
    "package.json",
    JSON.stringify({
      name: "pulumi-aculab",
      main: "index.js",
      exports: {
        ".": "./index.js",
        "./dynamic-host": "./dynamic-host.js",
        "./package.json": "./package.json",
      },
    }),
  );
  write("index.js", `module.exports = require(${JSON.stringify(path.join(dist, "index.js"))});\n`);
  const host = JSON.stringify(path.join(dist, "dynamic", "host.js"));
  write(
    "dynamic-host.js",
    `module.exports = { dynamicProviders: require(${host}).dynamicProvidersWith(${JSON.stringify(tuning)}) };\n`,
  );
}
