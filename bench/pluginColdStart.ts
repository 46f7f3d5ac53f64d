/**
 * `npm run bench:coldstart`: how long the engine waits for the native plugin before it can talk to
 * it, the single executable (packaging/pluginExecutable.ts) against today's launcher run by Node,
 * `node bin/pulumi-resource-aculab.js`, and beside them the dynamic door's provider process, Pulumi's
 * dynamic-provider host. One run is spawn, the port line on stdout, a gRPC
 * connection and GetPluginInfo answered: what the engine does first with every plugin. The two
 * kinds alternate so that a change in the machine's load falls on both. docs/performance.md has
 * the figures.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { repositoryRoot, startConnectedProvider } from "../harness";
import {
  executableName,
  hostPlatform,
  packagePlugin,
  pinnedNode,
  PLUGIN_NAME,
} from "../packaging/pluginExecutable";
import { median } from "./rounds";

const usage = `Usage: node dist/bench/pluginColdStart.js [--runs <n>]
  --runs <n>   cold starts of each kind (default 10)`;

interface Sample {
  portMs: number;
  answeredMs: number;
  rssKb: number;
}

function rssKb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) : 0;
}

async function coldStart(command: string, args: string[], cwd: string): Promise<Sample> {
  // Nothing on PATH for either: neither may lean on a node found there.
  const env = { PATH: path.join(cwd, "empty") };
  const started = performance.now();
  const plugin = await startConnectedProvider(command, [...args, "127.0.0.1:0"], { cwd, env });
  const portMs = performance.now() - started;
  try {
    await plugin.client.getPluginInfo();
    const answeredMs = performance.now() - started;
    return { portMs, answeredMs, rssKb: rssKb(plugin.process.child.pid!) };
  } finally {
    await plugin.stop();
  }
}

async function main(argv: string[]) {
  const { values } = parseArgs({ args: argv, options: { runs: { type: "string" } } });
  const runs = Number(values.runs ?? 10);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be 1 or more\n${usage}`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "aculab-coldstart-"));
  try {
    fs.mkdirSync(path.join(work, "empty"));
    const platform = hostPlatform();
    const built = await packagePlugin({ platforms: [platform], outDir: work });
    const [archive] = built.archives;
    if (!archive) throw new Error(`${platform} was not built: ${built.notBuilt[0]?.reason}`);
    const tar = spawnSync("tar", ["-xzf", archive.path, "-C", work], { encoding: "utf8" });
    if (tar.status !== 0) throw new Error(`tar: ${tar.stderr}`);
    // The same Node as inside the executable, so that the two differ only in how they load.
    const node = await pinnedNode(archive.nodeVersion);
    const kinds = {
      [`${PLUGIN_NAME} (single executable)`]: {
        command: path.join(work, executableName(platform)),
        args: [] as string[],
      },
      [`node bin/${PLUGIN_NAME}.js (Node ${node.version})`]: {
        command: node.path,
        args: [path.join(repositoryRoot, "bin", `${PLUGIN_NAME}.js`)],
      },
      // The other door's provider process: what pulumi-resource-pulumi-nodejs runs. It loads
      // pulumi-aculab only at its first Check, which this does not send.
      [`dynamic-provider host (Node ${node.version})`]: {
        command: node.path,
        args: [require.resolve("@pulumi/pulumi/cmd/dynamic-provider")],
      },
    };
    const samples: Record<string, Sample[]> = Object.fromEntries(
      Object.keys(kinds).map((kind) => [kind, []]),
    );
    const loadBefore = os.loadavg();
    // One unmeasured start of each puts both files in the page cache, as on a user's second run.
    for (const { command, args } of Object.values(kinds)) await coldStart(command, args, work);
    for (let run = 0; run < runs; run++)
      for (const [kind, { command, args }] of Object.entries(kinds))
        samples[kind].push(await coldStart(command, args, work));
    const loadAfter = os.loadavg();

    const ms = (value: number) => `${Math.round(value)} ms`;
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    const cpus = os.cpus();
    const lines = [
      `machine: ${cpus.length} x ${cpus[0]?.model ?? "unknown CPU"}, ${mb(os.totalmem())} RAM, ${os.type()} ${os.release()}`,
      `load average (1, 5, 15 min): before ${loadBefore.map((l) => l.toFixed(2)).join(", ")}; after ${loadAfter.map((l) => l.toFixed(2)).join(", ")}`,
      `${platform} archive ${path.basename(archive.path)}: ${mb(archive.archiveBytes)}; executable ${mb(archive.executableBytes)}`,
      `${runs} cold starts of each, alternating; median (min to max):`,
      "",
      "| provider process | port printed | GetPluginInfo answered | RSS then |",
      "| --- | --- | --- | --- |",
      ...Object.entries(samples).map(([kind, list]) => {
        const range = (key: keyof Sample, unit: (v: number) => string) =>
          `${unit(median(list.map((s) => s[key])))} (${unit(Math.min(...list.map((s) => s[key])))} to ${unit(Math.max(...list.map((s) => s[key])))})`;
        return `| ${kind} | ${range("portMs", ms)} | ${range("answeredMs", ms)} | ${range("rssKb", (kb) => mb(kb * 1024))} |`;
      }),
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
