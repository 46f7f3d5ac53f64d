/**
 * `npm run demo`: the quickstart through preview, up, refresh and destroy against the bundled
 * simulator. With the `pulumi` CLI on PATH it uses the real CLI and a local file backend; without
 * it, the same lifecycle through Pulumi's own dynamic-provider host, driven over gRPC as the CLI's
 * engine would drive it.
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  captureProgramWithOutputs,
  createDeployment,
  DeploymentResult,
  repositoryRoot,
  createProgramWorkspace,
} from "../harness";
import { errorMessage } from "../common/errorMessage";
import { startSimulator, RunningSimulator } from "../simulator";

const quickstart = path.join(repositoryRoot, "examples", "quickstart");

function heading(text: string): void {
  console.log(`\n=== ${text} ===`);
}

function inventory(simulator: RunningSimulator): void {
  const owned = simulator.ownedNumbers();
  const lines = Object.entries(owned).map(
    ([number, n]) =>
      `  ${number}  ${n.region}, ${n.country} (${n.did_type}) $${n.price}/month since ${n.purchased}`,
  );
  console.log(lines.length > 0 ? lines.join("\n") : "  (the account owns no numbers)");
}

function steps(result: DeploymentResult): void {
  for (const step of result.steps) {
    const replaces = step.replaces ? ` (replaces on ${step.replaces.join(", ")})` : "";
    console.log(
      `  ${step.op.padEnd(8)} ${step.type} ${step.name}${replaces}${step.error ? `\n    error: ${step.error}` : ""}`,
    );
  }
  if (result.errors.length > 0) throw new Error(`${result.errors.length} step(s) failed`);
}

/**
 * The folder of the `pulumi` to use: the one on PATH, else the one engine/install.sh built (only
 * if it already has: the demo never starts a build), else none.
 */
function pulumiCliFolder(): string | undefined {
  if (process.env.ACULAB_DEMO_WITHOUT_CLI === "true") return undefined;
  const onPath = spawnSync("sh", ["-c", "command -v pulumi"], { encoding: "utf8" });
  if (onPath.status === 0) return path.dirname(onPath.stdout.trim());
  const cached = spawnSync(
    "bash",
    [path.join(repositoryRoot, "engine", "install.sh"), "--cached"],
    {
      encoding: "utf8",
    },
  );
  return cached.status === 0 ? cached.stdout.trim().split("\n").pop() : undefined;
}

async function withGrpcHost(): Promise<void> {
  console.log("The pulumi CLI is not on PATH: running the same lifecycle through @pulumi/pulumi's");
  console.log(
    "dynamic-provider host over gRPC (what `pulumi up` runs under the hood), with a local engine.",
  );
  const deployment = await createDeployment(quickstart, {
    simulator: { apiKey: "aculab-simulator-dev-key" },
  });
  try {
    console.log(
      `Simulator: ${deployment.simulator.url} (cloudId ${deployment.simulator.credentials.cloudId})`,
    );
    heading("Inventory before");
    inventory(deployment.simulator);

    heading('Data function: getSupportedRegions({country: "Canada", state: "Manitoba"})');
    const captured = await captureProgramWithOutputs(
      deployment.workspace.programDir,
      deployment.config,
    );
    console.log(`  ${JSON.stringify(captured.outputs.manitobaRegions)}`);

    heading("pulumi preview");
    steps(await deployment.preview());

    heading("pulumi up");
    steps(await deployment.up());
    for (const entry of deployment.engine.state.values()) {
      const o = entry.outputs;
      console.log(
        `  ${entry.name}: number ${o.number}, ${o.region}, ${o.country}, $${o.monthlyPrice}/month, purchased ${o.purchased}`,
      );
    }
    heading("Inventory after up");
    inventory(deployment.simulator);

    heading("pulumi refresh");
    steps(await deployment.refresh());

    heading("pulumi destroy");
    steps(await deployment.destroy());
    heading("Inventory after destroy");
    inventory(deployment.simulator);
    console.log(`\nAPI calls made: ${JSON.stringify(deployment.simulator.callCounts())}`);
  } finally {
    await deployment.close();
  }
}

async function withPulumiCli(cliFolder: string): Promise<void> {
  const simulator = await startSimulator({});
  const workspace = createProgramWorkspace(quickstart);
  const backend = fs.mkdtempSync(path.join(os.tmpdir(), "aculab-demo-backend-"));
  const env = {
    ...process.env,
    PATH: `${cliFolder}${path.delimiter}${process.env.PATH ?? ""}`,
    PULUMI_HOME: path.join(backend, ".pulumi-home"),
    PULUMI_BACKEND_URL: `file://${backend}`,
    PULUMI_CONFIG_PASSPHRASE: "aculab-demo",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  };
  // The simulator answers from this process, so the CLI must run without blocking it.
  const pulumi = (...args: string[]) =>
    new Promise<void>((resolve, reject) => {
      console.log(`$ pulumi ${args.join(" ")}`);
      const child = spawn(path.join(cliFolder, "pulumi"), args, {
        cwd: workspace.programDir,
        env,
        stdio: "inherit",
      });
      child.on("error", reject);
      child.on("close", (code) =>
        code === 0 ? resolve() : reject(new Error(`pulumi ${args[0]} exited with ${code}`)),
      );
    });
  try {
    console.log(
      `Using the pulumi CLI in ${cliFolder} with a local file backend (${backend}) and the simulator at ${simulator.url}.`,
    );
    heading("Inventory before");
    inventory(simulator);
    await pulumi("stack", "init", "demo");
    await pulumi("config", "set", "aculab:cloudId", simulator.credentials.cloudId);
    await pulumi("config", "set", "aculab:username", simulator.credentials.username);
    await pulumi("config", "set", "--secret", "aculab:apiKey", simulator.credentials.apiKey);
    await pulumi("config", "set", "aculab:endpoint", simulator.url);
    heading("pulumi preview");
    await pulumi("preview");
    heading("pulumi up");
    await pulumi("up", "--yes");
    heading("Inventory after up");
    inventory(simulator);
    heading("pulumi refresh");
    await pulumi("refresh", "--yes");
    heading("pulumi destroy");
    await pulumi("destroy", "--yes");
    heading("Inventory after destroy");
    inventory(simulator);
    console.log(`\nAPI calls made: ${JSON.stringify(simulator.callCounts())}`);
    await pulumi("stack", "rm", "--yes", "demo");
  } finally {
    await simulator.stop();
    workspace.remove();
    fs.rmSync(backend, { recursive: true, force: true });
  }
}

const cliFolder = pulumiCliFolder();
(cliFolder ? withPulumiCli(cliFolder) : withGrpcHost()).then(
  () => console.log("\nDemo finished."),
  (error) => {
    console.error(`\nDemo failed: ${errorMessage(error)}`);
    process.exit(1);
  },
);
