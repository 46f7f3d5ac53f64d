import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fixtureText, PRICE_TABLE } from "../test/fixtures/preview/load";
import { main } from "./cli";

const root = resolve(__dirname, "..");

/**
 * Runs the shipped bin as users do, against the report compiled on its own: the package build
 * also compiles other folders, which must not decide whether this test can run.
 */
describe("bin/aculab-preview-report.js", () => {
  let packageDir: string;

  beforeAll(() => {
    packageDir = mkdtempSync(join(tmpdir(), "aculab-report-bin-"));
    execFileSync(process.execPath, [
      require.resolve("typescript/bin/tsc"),
      // Files on the command line, not the repository's tsconfig.json (TypeScript 6 wants it said).
      "--ignoreConfig",
      "--outDir",
      join(packageDir, "dist"),
      "--rootDir",
      root,
      "--target",
      "ES2022",
      "--module",
      "commonjs",
      "--moduleResolution",
      "bundler",
      "--strict",
      "--esModuleInterop",
      "--skipLibCheck",
      "--types",
      "node",
      join(root, "report", "cli.ts"),
    ]);
    mkdirSync(join(packageDir, "bin"));
    copyFileSync(
      join(root, "bin", "aculab-preview-report.js"),
      join(packageDir, "bin", "aculab-preview-report.js"),
    );
    symlinkSync(join(root, "node_modules"), join(packageDir, "node_modules"));
  }, 120_000);

  afterAll(() => rmSync(packageDir, { recursive: true, force: true }));

  it("reads stdin, prints the report and fails on releases", async () => {
    let expected = "";
    await main(["--fail-on-release"], {
      readStdin: async () => fixtureText("mixed.json"),
      writeStdout: (text) => (expected += text),
      writeStderr: () => undefined,
    });
    const child = spawnSync(
      process.execPath,
      [join(packageDir, "bin", "aculab-preview-report.js"), "--fail-on-release"],
      {
        input: fixtureText("mixed.json"),
        encoding: "utf8",
      },
    );
    expect({ status: child.status, stdout: child.stdout, stderr: child.stderr }).toEqual({
      status: 2,
      stdout: expected,
      stderr:
        "aculab-preview-report: 4 number(s) would be released; failing because of --fail-on-release\n",
    });
  });

  it("exits 1 with a message on bad input", () => {
    const child = spawnSync(
      process.execPath,
      [join(packageDir, "bin", "aculab-preview-report.js"), "--input", PRICE_TABLE],
      { encoding: "utf8" },
    );
    expect({ status: child.status, stdout: child.stdout, stderr: child.stderr }).toEqual({
      status: 1,
      stdout: "",
      stderr: "aculab-preview-report: input is not Pulumi preview JSON: expected an object\n",
    });
  });
});
