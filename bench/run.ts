/**
 * `npm run bench`: deploys fleets of InboundNumbers and NumberBlocks through Pulumi's own
 * dynamic-provider host over gRPC, against the simulator with a fixed latency, and prints per
 * phase the tel_* calls, the wall time, the ideal and the ratio; then the issue's targets, the
 * host's cold start and the size of the serialized provider. docs/performance.md explains it.
 */
import * as os from "node:os";
import { parseArgs } from "node:util";
import { defaultTuning } from "../provider/resources/account";
import { measureColdStart, providerSizes } from "./coldStart";
import { clientConcurrency, idealFor } from "./ideal";
import {
  BenchOptions,
  measureLifecycle,
  openBenchDeployment,
  Phase,
  PhaseMeasurement,
} from "./measure";
import { describeScenario, Scenario, scenarioEnv, Shape } from "./scenario";
import { describeCalls, ms, renderTable, totalCalls } from "./table";
import { checkTargets, TargetCheck } from "./targets";

const usage = `Usage: node dist/bench/run.js [options]
  --sizes <n,n,..>     numbers per fleet (default 10,100,500)
  --shapes <s,s>       numbers, blocks or both (default numbers,blocks)
  --latency <ms>       simulator latency per request (default 50)
  --parallel <n>       operations at once, as pulumi --parallel (default 16)
  --locations <n>      locations the fleet is spread over, 1..5 (default 4)
  --block-size <n>     numbers per NumberBlock (default 25)
  --cold-runs <n>      host cold starts to average (default 5)`;

function positive(name: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0)
    throw new Error(`--${name} must be a non-negative integer, not "${value}"\n${usage}`);
  return parsed;
}

function options() {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "10,100,500" },
      shapes: { type: "string", default: "numbers,blocks" },
      latency: { type: "string", default: "50" },
      parallel: { type: "string", default: "16" },
      locations: { type: "string", default: "4" },
      "block-size": { type: "string", default: "25" },
      "cold-runs": { type: "string", default: "5" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const shapes = values.shapes.split(",").map((s) => s.trim());
  for (const shape of shapes)
    if (shape !== "numbers" && shape !== "blocks")
      throw new Error(`unknown shape "${shape}"\n${usage}`);
  return {
    sizes: values.sizes.split(",").map((s) => positive("sizes", s.trim())),
    shapes: shapes as Shape[],
    bench: {
      latencyMs: positive("latency", values.latency),
      parallel: positive("parallel", values.parallel),
    } as BenchOptions,
    locations: Math.min(5, Math.max(1, positive("locations", values.locations))),
    blockSize: Math.max(1, positive("block-size", values["block-size"])),
    coldRuns: Math.max(1, positive("cold-runs", values["cold-runs"])),
  };
}

interface FleetResult {
  scenario: Scenario;
  phases: PhaseMeasurement[];
  targets: TargetCheck[];
}

function phaseTable(phase: Phase, fleets: FleetResult[], bench: BenchOptions): string {
  const rows = fleets.map(({ scenario, phases }) => {
    const measured = phases.find((p) => p.phase === phase)!;
    const ideal = idealFor(phase, scenario, bench.parallel);
    const idealMs = ideal.roundTrips * bench.latencyMs;
    return [
      describeScenario(scenario),
      describeCalls(measured.calls),
      String(totalCalls(measured.calls)),
      ms(measured.wallMs),
      `${ideal.formula} = ${ideal.roundTrips} RT`,
      ms(idealMs),
      idealMs > 0 ? `${(measured.wallMs / idealMs).toFixed(2)}×` : "n/a",
    ];
  });
  return renderTable(
    ["fleet", "API calls by service", "calls", "wall", "ideal round trips", "ideal wall", "ratio"],
    rows,
  );
}

async function main(): Promise<void> {
  const { sizes, shapes, bench, locations, blockSize, coldRuns } = options();
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  console.log(
    `pulumi-aculab bench: latency ${bench.latencyMs} ms per request, --parallel ${bench.parallel}, ` +
      `client maxConcurrency ${clientConcurrency}, release batch ${defaultTuning.releaseBatchSize}, ` +
      `listing cache ${defaultTuning.listingCacheMs} ms`,
  );
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
  console.log(
    `machine: ${os.cpus().length} × ${cpu}, node ${process.version}, ${os.platform()} ${os.release()}, load average ${load}\n`,
  );

  const fleets: FleetResult[] = [];
  for (const shape of shapes) {
    for (const count of sizes) {
      const scenario: Scenario = { shape, count, locations, blockSize };
      process.stderr.write(`running ${describeScenario(scenario)}...\n`);
      const deployment = await openBenchDeployment(scenario, bench);
      try {
        const { phases } = await measureLifecycle(deployment, scenario);
        const targets = checkTargets(scenario, phases, {
          ...bench,
          batchSize: defaultTuning.releaseBatchSize,
        });
        fleets.push({ scenario, phases, targets });
      } finally {
        await deployment.close();
      }
    }
  }

  for (const phase of ["up", "refresh", "destroy"] as const) {
    console.log(`### ${phase}\n\n${phaseTable(phase, fleets, bench)}\n`);
  }

  console.log("### targets\n");
  const targetRows = fleets.flatMap(({ scenario, targets }) =>
    targets.map((t) => [
      describeScenario(scenario),
      t.target,
      t.measured,
      t.met ? "met" : "NOT MET",
    ]),
  );

  const coldScenario: Scenario = { shape: "numbers", count: 1, locations: 1, blockSize };
  const coldDeployment = await openBenchDeployment(coldScenario, bench);
  let coldLine: string;
  let sizesLine: string;
  try {
    const blocks = await coldDeployment.capture({
      ...scenarioEnv({ ...coldScenario, shape: "blocks" }),
    });
    const [inbound] = await coldDeployment.capture();
    const cold = await measureColdStart(
      coldDeployment,
      inbound,
      scenarioEnv(coldScenario),
      coldRuns,
    );
    targetRows.push([
      "host",
      "cold start < 500 ms",
      `${ms(cold.totalMs)} (spawn→configured ${ms(cold.startMs)} + provider loaded and answering ${ms(cold.loadMs)}, mean of ${coldRuns})`,
      cold.totalMs < 500 ? "met" : "NOT MET",
    ]);
    coldLine =
      `host cold start (mean of ${coldRuns}): ${ms(cold.totalMs)} = spawn to port printed and Configure answered ` +
      `${ms(cold.startMs)} + first Check, which loads our provider (a preview value still unknown, so no request) ${ms(cold.loadMs)}; ` +
      `then a Check with its dry run (one tel_purchase_development round trip at ${bench.latencyMs} ms) ${ms(cold.dryRunCheckMs)}`;
    const sizesByType = { ...providerSizes([inbound]), ...providerSizes(blocks) };
    sizesLine = `__provider size: ${Object.entries(sizesByType)
      .map(([type, bytes]) => `${type.split("/").pop()} ${bytes} bytes`)
      .join(", ")}`;
  } finally {
    await coldDeployment.close();
  }
  console.log(renderTable(["fleet", "target", "measured", "verdict"], targetRows));
  console.log(`\n${coldLine}\n${sizesLine}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
