import { spawn } from "node:child_process";
import * as path from "node:path";
import { repositoryRoot } from "../../harness/workspace";
import { cliBinDir } from "./support/cli";
import { startNetworkSentry } from "./support/networkSentry";

// `npm run demo` says it uses the real CLI when one is available: with the CLI on PATH, it must.
it("npm run demo drives the real pulumi CLI when one is on PATH, buying and releasing one number", async () => {
  const bin = cliBinDir();
  const network = await startNetworkSentry();
  const run = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repositoryRoot, "dist", "demo", "run.js")], {
      cwd: repositoryRoot,
      env: {
        ...process.env,
        ...network.env,
        PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}`,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
  await network.close();
  network.assertNoneAttempted("npm run demo");
  expect(run.code).toBe(0);
  expect(run.output).toContain(`Using the pulumi CLI in ${bin} with a local file backend`);
  expect(run.output).toMatch(
    /=== Inventory after up ===\n {2}441908538001 {2}Milton Keynes, United Kingdom \(geographic\) \$3\.00\/month since \d{4}-\d{2}-\d{2}\n/,
  );
  expect(run.output).toContain("=== Inventory after destroy ===\n  (the account owns no numbers)");
  expect(run.output).toContain('"tel_purchase":1,');
  expect(run.output).toContain('"tel_delete_numbers":1');
  expect(run.output).toContain("Demo finished.");
});
