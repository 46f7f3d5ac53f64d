/**
 * `npm run bench`: deploys fleets of InboundNumbers and NumberBlocks through the real `pulumi` CLI
 * (file backend, the simulator with a fixed latency per request), and beside each the FLOOR: the
 * same program shape with a dynamic provider that does no I/O. For each phase it prints the wall
 * time, the API calls by service, the provider host's peak RSS and the ratio
 * wall / (floor + ideal API time). docs/performance.md explains it.
 */
import * as os from "node:os";
import { parseArgs } from "node:util";
import { defaultTuning } from "../provider/resources/account";
import { describeFleet, Fleet, locationsUsed, resourceCount, Shape } from "./fleet";
import { clientConcurrency, idealFor, Phase, PHASES } from "./ideal";
import { measureLifecycle, PhaseMeasurement, phaseArgs } from "./lifecycle";
import { pulumiBinDir } from "./project";
import { describeCalls, ms, renderTable } from "./table";

const usage = `Usage: node dist/bench/run.js [options]
  --fleets <f,f,..>        shape:numbers, e.g. numbers:100,numbers:500,blocks:500 (the default)
  --parallel <n,n>         pulumi --parallel values (default 16,64)
  --latency <ms>           simulator latency per request (default 50)
  --slow-latency <ms>      a second latency for --slow-fleets (default 200; 0 for none)
  --slow-fleets <f,f,..>   fleets also run at --slow-latency (default numbers:500,blocks:500)
  --slow-parallel <n,n>    the --parallel values those run at (default 16)
  --locations <n>          locations the fleet is spread over, 1..5 (default 4)
  --block-size <n>         numbers per NumberBlock (default 25)`;

function count(name: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0)
    throw new Error(`--${name} must be a non-negative integer, not "${value}"\n${usage}`);
  return parsed;
}

function fleetsOf(spec: string, locations: number, blockSize: number): Fleet[] {
  if (spec.trim() === "") return [];
  return spec.split(",").map((item) => {
    const [shape, size] = item.trim().split(":");
    if (shape !== "numbers" && shape !== "blocks")
      throw new Error(`fleet "${item}": shape must be numbers or blocks\n${usage}`);
    return { shape: shape as Shape, count: count("fleets", size ?? ""), locations, blockSize };
  });
}

function options() {
  const { values } = parseArgs({
    options: {
      fleets: { type: "string", default: "numbers:100,numbers:500,blocks:500" },
      parallel: { type: "string", default: "16,64" },
      latency: { type: "string", default: "50" },
      "slow-latency": { type: "string", default: "200" },
      "slow-fleets": { type: "string", default: "numbers:500,blocks:500" },
      "slow-parallel": { type: "string", default: "16" },
      locations: { type: "string", default: "4" },
      "block-size": { type: "string", default: "25" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const locations = Math.min(5, Math.max(1, count("locations", values.locations)));
  const blockSize = Math.max(1, count("block-size", values["block-size"]));
  return {
    fleets: fleetsOf(values.fleets, locations, blockSize),
    slowFleets: fleetsOf(values["slow-fleets"], locations, blockSize),
    parallels: values.parallel.split(",").map((p) => Math.max(1, count("parallel", p.trim()))),
    slowParallels: values["slow-parallel"].split(",").map((p) => count("slow-parallel", p.trim())),
    latencyMs: count("latency", values.latency),
    slowLatencyMs: count("slow-latency", values["slow-latency"]),
  };
}

/** One lifecycle of our provider, and the floor it is compared with. */
interface Row {
  fleet: Fleet;
  parallel: number;
  latencyMs: number;
  phases: PhaseMeasurement[];
  floor: PhaseMeasurement[];
}

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
const mb = (kb: number | undefined) => (kb === undefined ? "n/a" : `${Math.round(kb / 1024)} MB`);
const sameFleet = (a: Fleet, b: Fleet) => a.shape === b.shape && a.count === b.count;

function phaseOf(list: PhaseMeasurement[], phase: Phase): PhaseMeasurement {
  return list.find((p) => p.phase === phase)!;
}

function ratioOf(row: Row, phase: Phase): { idealMs: number; ratio: number } {
  const ideal = idealFor(phase, row.fleet, row.parallel);
  const idealMs = ideal.roundTrips * row.latencyMs;
  const wall = phaseOf(row.phases, phase).wallMs;
  return { idealMs, ratio: wall / (phaseOf(row.floor, phase).wallMs + idealMs) };
}

function phaseTable(phase: Phase, rows: Row[]): string {
  return renderTable(
    [
      "fleet",
      "-p",
      "latency",
      "API calls by service",
      "wall",
      "floor",
      "ideal API time",
      "ratio",
      "host RSS (floor's)",
    ],
    rows.map((row) => {
      const measured = phaseOf(row.phases, phase);
      const floor = phaseOf(row.floor, phase);
      const ideal = idealFor(phase, row.fleet, row.parallel);
      const { idealMs, ratio } = ratioOf(row, phase);
      return [
        describeFleet(row.fleet),
        String(row.parallel),
        `${row.latencyMs} ms`,
        describeCalls(measured.calls),
        ms(measured.wallMs),
        ms(floor.wallMs),
        `${ideal.formula} = ${ideal.roundTrips} RT = ${ms(idealMs)}`,
        `${ratio.toFixed(2)}`,
        `${mb(measured.peakRssKb.get("provider host"))} (${mb(floor.peakRssKb.get("provider host"))})`,
      ];
    }),
  );
}

interface Target {
  row: Row;
  target: string;
  measured: string;
  met: boolean;
}

/** Issue 14's call-count targets, and its ratio target for N = 500. */
function targetsOf(row: Row): Target[] {
  const calls = (phase: Phase, service: string) => phaseOf(row.phases, phase).calls[service] ?? 0;
  const resources = resourceCount(row.fleet);
  const locations = locationsUsed(row.fleet);
  const waves = Math.ceil(resources / row.parallel);
  const targets: Target[] = [];
  const add = (target: string, value: number, limit: number) =>
    targets.push({ row, target, measured: String(value), met: value <= limit });
  add("refresh: tel_list_numbers = 1", calls("refresh", "tel_list_numbers"), 1);
  const deleteLimit = Math.ceil(row.fleet.count / row.parallel);
  add(
    `destroy: tel_delete_numbers ≤ ceil(${row.fleet.count}/${row.parallel}) = ${deleteLimit}`,
    calls("destroy", "tel_delete_numbers"),
    deleteLimit,
  );
  add(
    `up: tel_purchase ≤ waves × locations = ${waves} × ${locations} = ${waves * locations}`,
    calls("up", "tel_purchase"),
    waves * locations,
  );
  for (const phase of ["preview", "no-change up"] as const) {
    add(`${phase}: tel_purchase = 0`, calls(phase, "tel_purchase"), 0);
    add(`${phase}: tel_list_numbers ≤ 1`, calls(phase, "tel_list_numbers"), 1);
  }
  if (row.fleet.count >= 500) {
    for (const phase of PHASES) {
      const { ratio } = ratioOf(row, phase);
      targets.push({
        row,
        target: `${phase}: ratio ≤ 1.2`,
        measured: ratio.toFixed(2),
        met: ratio <= 1.2,
      });
    }
  }
  return targets;
}

/** Per resource, from N = 100 to N = 500 InboundNumbers: wall / R and (wall − floor) / R. */
function costTable(rows: Row[]): string {
  const numbers = rows.filter((r) => r.fleet.shape === "numbers");
  const out: string[][] = [];
  for (const row of numbers) {
    const resources = resourceCount(row.fleet);
    for (const phase of PHASES) {
      const wall = phaseOf(row.phases, phase).wallMs;
      const floor = phaseOf(row.floor, phase).wallMs;
      out.push([
        describeFleet(row.fleet),
        String(row.parallel),
        `${row.latencyMs} ms`,
        phase,
        `${(wall / resources).toFixed(1)} ms`,
        `${(floor / resources).toFixed(1)} ms`,
        `${((wall - floor) / resources).toFixed(1)} ms`,
      ]);
    }
  }
  return renderTable(
    ["fleet", "-p", "latency", "phase", "wall / R", "floor / R", "(wall − floor) / R"],
    out,
  );
}

async function main(): Promise<void> {
  const { fleets, slowFleets, parallels, slowParallels, latencyMs, slowLatencyMs } = options();
  const bin = pulumiBinDir();
  const started = new Date();
  console.log(
    `pulumi-aculab bench through the real pulumi CLI (${bin}), file backend; ` +
      `client maxConcurrency ${clientConcurrency}, release batch ${defaultTuning.releaseBatchSize}, ` +
      `batch window ${defaultTuning.batchWindowMs}-${defaultTuning.batchWindowMaxMs} ms (cap ${defaultTuning.batchMaxWaitMs} ms)`,
  );
  console.log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "unknown CPU"}, node ${process.version}, ` +
      `${os.platform()} ${os.release()}; started ${started.toISOString()}, load average ${loadAverage()}`,
  );
  console.log(
    `phases: ${PHASES.map((p) => `${p} = pulumi ${phaseArgs(p, 16).join(" ")}`).join("; ")}\n`,
  );

  const rows: Row[] = [];
  const loads: string[] = [];
  for (const fleet of fleets) {
    for (const parallel of parallels) {
      const latencies = [latencyMs];
      const slow = slowFleets.some((f) => sameFleet(f, fleet)) && slowParallels.includes(parallel);
      if (slowLatencyMs > 0 && slow) {
        latencies.push(slowLatencyMs);
      }
      process.stderr.write(
        `${new Date().toISOString()} ${describeFleet(fleet)} at --parallel ${parallel}: floor (load ${loadAverage()})\n`,
      );
      loads.push(loadAverage());
      // The floor makes no request: one lifecycle serves every latency.
      const floor = await measureLifecycle({ fleet, provider: "floor", parallel, latencyMs });
      for (const latency of latencies) {
        process.stderr.write(
          `${new Date().toISOString()} ${describeFleet(fleet)} at --parallel ${parallel}, ${latency} ms (load ${loadAverage()})\n`,
        );
        loads.push(loadAverage());
        const phases = await measureLifecycle({
          fleet,
          provider: "aculab",
          parallel,
          latencyMs: latency,
        });
        rows.push({ fleet, parallel, latencyMs: latency, phases, floor });
      }
    }
  }
  loads.push(loadAverage());
  const minutes = ((Date.now() - started.getTime()) / 60000).toFixed(1);
  console.log(
    `finished ${new Date().toISOString()} after ${minutes} min; load average (1, 5, 15 min) at each lifecycle's start: ${loads.join(" | ")}\n`,
  );

  for (const phase of PHASES) console.log(`### ${phase}\n\n${phaseTable(phase, rows)}\n`);
  console.log(`### cost per resource\n\n${costTable(rows)}\n`);
  const targets = rows.flatMap(targetsOf);
  console.log(
    `### targets\n\n${renderTable(
      ["fleet", "-p", "latency", "target", "measured", "verdict"],
      targets.map((t) => [
        describeFleet(t.row.fleet),
        String(t.row.parallel),
        `${t.row.latencyMs} ms`,
        t.target,
        t.measured,
        t.met ? "met" : "NOT MET",
      ]),
    )}`,
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
