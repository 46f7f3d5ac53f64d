import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repositoryRoot } from "../../harness/workspace";
import { NetworkSentry, startNetworkSentry } from "./support/networkSentry";

// The committed sdk/python, sdk/go and sdk/nodejs are exactly what `npm run generate:sdks`
// (engine/gen-sdks.sh: `pulumi package gen-sdk schema.json`) writes from today's schema.json.

/** Every file under dir, relative to it, with its contents. */
function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const name = path.join(relative, entry.name);
      if (entry.isDirectory()) walk(name);
      else files.set(name, fs.readFileSync(path.join(dir, name), "utf8"));
    }
  };
  walk("");
  return files;
}

/** `bash engine/gen-sdks.sh <out>`, failing if it tried to reach beyond loopback. */
async function genSdks(
  network: NetworkSentry,
  out: string,
): Promise<{ status: number | null; stderr: string }> {
  const child = spawn("bash", [path.join(repositoryRoot, "engine", "gen-sdks.sh"), out], {
    cwd: repositoryRoot,
    env: { ...process.env, ...network.env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const status = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  network.assertNoneAttempted("engine/gen-sdks.sh");
  return { status, stderr };
}

describe("the committed SDKs", () => {
  let out: string;
  let network: NetworkSentry;
  beforeAll(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), "aculab-sdks-"));
    network = await startNetworkSentry();
  });
  afterAll(async () => {
    fs.rmSync(out, { recursive: true, force: true });
    await network.close();
  });

  it("equal what gen-sdks.sh writes from schema.json, file for file (run `npm run generate` when this fails)", async () => {
    const result = await genSdks(network, out);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(
      ["python", "go", "nodejs"]
        .map((language) => `SDK has been written to ${path.join(out, language)}\n`)
        .join(""),
    );
    const generated = tree(out);
    const committed = tree(path.join(repositoryRoot, "sdk"));
    expect([...committed.keys()].sort()).toEqual([...generated.keys()].sort());
    for (const [file, text] of generated) {
      expect({ file, text: committed.get(file) }).toEqual({ file, text });
    }
    // The three languages, each with its package manifest (Go's go.mod, from meta.supportPack).
    expect(
      [...generated.keys()]
        .filter((file) => /^[^/]+\/(pyproject\.toml|go\.mod|package\.json)$/.test(file))
        .sort(),
    ).toEqual(["go/go.mod", "nodejs/package.json", "python/pyproject.toml"]);
  });

  it("the generator notices a change: a stale file in the output is replaced", async () => {
    fs.writeFileSync(path.join(out, "go", "stale.go"), "package aculab\n");
    const result = await genSdks(network, out);
    expect(result.status).toBe(0);
    expect(fs.existsSync(path.join(out, "go", "stale.go"))).toBe(false);
  });
});
