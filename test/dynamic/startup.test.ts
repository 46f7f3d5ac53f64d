import { execFileSync } from "node:child_process";
import * as path from "node:path";

// A program that only declares resources sends Aculab nothing and validates nothing, so it loads
// neither the HTTP library nor zod; a provider process whose checks all find their inputs unchanged
// sends nothing and loads no HTTP library (docs/performance.md measures both).
const ROOT = path.join(__dirname, "..", "..");

/** The modules under node_modules/<name>/ that loading `entry` (a built file) brought in. */
function loadedPackages(entry: string): string[] {
  const script =
    `require(${JSON.stringify(path.join(ROOT, entry))});` +
    `const names = Object.keys(require.cache).map((f) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(f)?.[1]).filter(Boolean);` +
    `process.stdout.write(JSON.stringify([...new Set(names)].sort()));`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));
}

describe("what loading the package costs", () => {
  it("the package a program requires loads neither axios nor zod", () => {
    const loaded = loadedPackages("dist/provider/index.js");
    expect(loaded).toContain("@pulumi/pulumi");
    expect(loaded).not.toContain("zod");
    expect(loaded).not.toContain("axios");
  });

  it("the client, asked for by its own path, loads zod and still no axios", () => {
    const loaded = loadedPackages("dist/provider/client/index.js");
    expect(loaded).toContain("zod");
    expect(loaded).not.toContain("axios");
  });

  it("the dynamic host loads no axios until it sends a request", () => {
    const loaded = loadedPackages("dist/provider/dynamic/host.js");
    expect(loaded).toContain("zod");
    expect(loaded).not.toContain("axios");
  });
});
