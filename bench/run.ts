/**
 * `npm run bench`: deploys fleets of InboundNumbers and NumberBlocks through the real `pulumi` CLI
 * (file backend, the simulator with a fixed latency per request), and beside each the FLOOR: the
 * same program shape with a dynamic provider that does no I/O. For each phase it prints the wall
 * time, the API calls by service, the provider host's peak RSS and the ratio
 * wall / (floor + ideal API time). With `--door dynamic,plugin` each fleet is deployed through both
 * of the doors TypeScript users have (bench/door.ts), and a table sets them side by side.
 * docs/performance.md explains it.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import { parseArgs } from "node:util";
import { defaultTuning } from "../provider/resources/account";
import { Door, DOORS, PluginDoor, preparePluginDoor } from "./door";
import { describeFleet, Fleet, locationsUsed, resourceCount, Shape } from "./fleet";
import { clientConcurrency, idealFor, Phase, PHASES } from "./ideal";
import { measureLifecycle, phaseArgs } from "./lifecycle";
import { ProcessRole } from "./processes";
import { pulumiBinDir } from "./project";
import { describeCallRange, describeSpread, phaseOf, Round, spreadOf, summarize } from "./rounds";
import { ms, renderTable } from "./table";

const usage = `Usage: node dist/bench/run.js [options]
  --fleets <f,f,..>        shape:numbers, shape numbers, blocks or mixed
                           (default numbers:1,numbers:10,numbers:100,numbers:500,mixed:100)
  --parallel <n,n>         pulumi --parallel values (default 16)
  --latency <ms>           simulator latency per request (default 50)
  --slow-latency <ms>      a second latency for --slow-fleets (default 200; 0 for none)
  --slow-fleets <f,f,..>   fleets also run at --slow-latency (default none)
  --slow-parallel <n,n>    the --parallel values those run at (default 16)
  --locations <n,n>        locations each fleet is spread over, 1..5 (default 2,4)
  --block-size <n>         numbers per NumberBlock (default 25)
  --door <d,d>             dynamic (this package's dynamic resources) and/or plugin (the Node
                           SDK's classes on the native plugin's single executable)
                           (default dynamic,plugin)
  --rounds <n>             rounds per fleet, each the two floors then every location, latency and
                           door; figures are medians over the rounds, ratios taken within a round
                           (default 3)`;

function count(name: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0)
    throw new Error(`--${name} must be a non-negative integer, not "${value}"\n${usage}`);
  return parsed;
}

function fleetsOf(spec: string, locations: number[], blockSize: number): Fleet[] {
  if (spec.trim() === "") return [];
  return spec.split(",").flatMap((item) => {
    const [shape, size] = item.trim().split(":");
    if (shape !== "numbers" && shape !== "blocks" && shape !== "mixed")
      throw new Error(`fleet "${item}": shape must be numbers, blocks or mixed\n${usage}`);
    return locations.map((where) => ({
      shape: shape as Shape,
      count: count("fleets", size ?? ""),
      locations: where,
      blockSize,
    }));
  });
}

function options() {
  const { values } = parseArgs({
    options: {
      fleets: { type: "string", default: "numbers:1,numbers:10,numbers:100,numbers:500,mixed:100" },
      parallel: { type: "string", default: "16" },
      latency: { type: "string", default: "50" },
      "slow-latency": { type: "string", default: "200" },
      "slow-fleets": { type: "string", default: "" },
      "slow-parallel": { type: "string", default: "16" },
      locations: { type: "string", default: "2,4" },
      "block-size": { type: "string", default: "25" },
      door: { type: "string", default: "dynamic,plugin" },
      rounds: { type: "string", default: "3" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const locations = values.locations
    .split(",")
    .map((l) => Math.min(5, Math.max(1, count("locations", l.trim()))));
  const blockSize = Math.max(1, count("block-size", values["block-size"]));
  const doors = values.door.split(",").map((d) => d.trim());
  for (const door of doors)
    if (!(DOORS as readonly string[]).includes(door))
      throw new Error(`--door "${door}": one of ${DOORS.join(", ")}\n${usage}`);
  return {
    doors: doors as Door[],
    fleets: fleetsOf(values.fleets, locations, blockSize),
    slowFleets: fleetsOf(values["slow-fleets"], locations, blockSize),
    parallels: values.parallel.split(",").map((p) => Math.max(1, count("parallel", p.trim()))),
    slowParallels: values["slow-parallel"].split(",").map((p) => count("slow-parallel", p.trim())),
    latencyMs: count("latency", values.latency),
    slowLatencyMs: count("slow-latency", values["slow-latency"]),
    rounds: Math.max(1, count("rounds", values.rounds)),
  };
}

/** Our provider's lifecycles of one fleet through one door, each round with its floors. */
interface Row {
  fleet: Fleet;
  door: Door;
  parallel: number;
  latencyMs: number;
  rounds: Round[];
}

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
const mb = (kb: number | undefined) => (kb === undefined ? "n/a" : `${Math.round(kb / 1024)} MB`);
/** The process that runs our provider: the dynamic-provider host, or the plugin. */
const providerRole = (door: Door): ProcessRole => (door === "plugin" ? "plugin" : "provider host");
const sameShape = (a: Fleet, b: Fleet) =>
  a.shape === b.shape && a.count === b.count && a.blockSize === b.blockSize;
const sameFleet = (a: Fleet, b: Fleet) => sameShape(a, b) && a.locations === b.locations;

/** The fleets that differ only in their locations, in the order given: they share floors. */
function shapeGroups(fleets: Fleet[]): Fleet[][] {
  const groups: Fleet[][] = [];
  for (const fleet of fleets) {
    const group = groups.find((g) => sameShape(g[0], fleet));
    if (group) group.push(fleet);
    else groups.push([fleet]);
  }
  return groups;
}

const idealMsOf = (row: Row, phase: Phase) =>
  idealFor(phase, row.fleet, row.parallel).roundTrips * row.latencyMs;
const summaryOf = (row: Row, phase: Phase) => summarize(row.rounds, phase, idealMsOf(row, phase));
const loadsOf = (row: Row) => row.rounds.map((r) => r.load).join(" / ");

function phaseTable(phase: Phase, rows: Row[]): string {
  return renderTable(
    [
      "fleet",
      "door",
      "-p",
      "latency",
      "API calls by service",
      "wall",
      "floor",
      "lightest",
      "ideal API time",
      "ratio",
      "ratio (lightest)",
      "provider RSS (floor's host)",
      "load",
    ],
    rows.map((row) => {
      const summary = summaryOf(row, phase);
      const ideal = idealFor(phase, row.fleet, row.parallel);
      return [
        describeFleet(row.fleet),
        row.door,
        String(row.parallel),
        `${row.latencyMs} ms`,
        describeCallRange(summary.calls),
        ms(summary.wallMs),
        ms(summary.floorMs),
        ms(summary.lightestMs),
        `${ideal.formula} = ${ideal.roundTrips} RT = ${ms(idealMsOf(row, phase))}`,
        describeSpread(summary.ratio, 2, row.rounds.length),
        describeSpread(summary.lightRatio, 2, row.rounds.length),
        `${mb(summary.peakRssKb.get(providerRole(row.door)))} (${mb(summary.floorPeakRssKb.get("provider host"))})`,
        loadsOf(row),
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

/**
 * Issue 22's targets: refresh one listing; purchases and deletes near issue 14's counts (at most
 * 1.5 times waves × locations and ceil(N/P)); every phase within 1.1 × (lightest floor + ideal API
 * time) from N = 10, and within the lightest floor + ideal + 300 ms at N = 1.
 */
function targetsOf(row: Row): Target[] {
  // Every round must meet a call target: the most calls any round made.
  const calls = (phase: Phase, service: string) => summaryOf(row, phase).calls[service]?.max ?? 0;
  const resources = resourceCount(row.fleet);
  const locations = locationsUsed(row.fleet);
  const waves = Math.ceil(resources / row.parallel);
  const targets: Target[] = [];
  const add = (target: string, value: number, limit: number) =>
    targets.push({ row, target, measured: String(value), met: value <= limit });
  add("refresh: tel_list_numbers = 1", calls("refresh", "tel_list_numbers"), 1);
  const deleteLimit = Math.ceil(resources / row.parallel);
  add(
    `destroy: tel_delete_numbers ≤ 1.5 × ceil(${resources}/${row.parallel}) = ${1.5 * deleteLimit}`,
    calls("destroy", "tel_delete_numbers"),
    1.5 * deleteLimit,
  );
  add(
    `up: tel_purchase ≤ 1.5 × waves × locations = 1.5 × ${waves} × ${locations} = ${1.5 * waves * locations}`,
    calls("up", "tel_purchase"),
    1.5 * waves * locations,
  );
  for (const phase of ["preview", "no-change up"] as const) {
    add(`${phase}: tel_purchase = 0`, calls(phase, "tel_purchase"), 0);
    add(`${phase}: tel_list_numbers ≤ 1`, calls(phase, "tel_list_numbers"), 1);
  }
  // A wall target is judged on the median over the rounds; the range shows how far rounds varied.
  for (const phase of PHASES) {
    const { lightRatio, overLightestMs } = summaryOf(row, phase);
    const rounds = row.rounds.length;
    if (row.fleet.count === 1) {
      const signed = (value: number) => `${value >= 0 ? "+" : ""}${Math.round(value)}`;
      targets.push({
        row,
        target: `${phase}: wall ≤ lightest + ideal + 300 ms`,
        measured:
          rounds === 1
            ? `${signed(overLightestMs.median)} ms`
            : `${signed(overLightestMs.median)} ms (${signed(overLightestMs.min)}–${signed(overLightestMs.max)})`,
        met: overLightestMs.median <= 300,
      });
    } else {
      targets.push({
        row,
        target: `${phase}: ratio (lightest) ≤ 1.1`,
        measured: describeSpread(lightRatio, 2, rounds),
        met: lightRatio.median <= 1.1,
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
      const { wallMs: wall, floorMs: floor } = summaryOf(row, phase);
      out.push([
        describeFleet(row.fleet),
        row.door,
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
    ["fleet", "door", "-p", "latency", "phase", "wall / R", "floor / R", "(wall − floor) / R"],
    out,
  );
}

/**
 * The two doors side by side, for each lifecycle measured through both: wall, calls and the
 * provider process's peak RSS per phase, and plugin / dynamic.
 */
function doorTable(rows: Row[]): string {
  const out: string[][] = [];
  for (const dynamic of rows.filter((r) => r.door === "dynamic")) {
    const plugin = rows.find(
      (r) =>
        r.door === "plugin" &&
        sameFleet(r.fleet, dynamic.fleet) &&
        r.parallel === dynamic.parallel &&
        r.latencyMs === dynamic.latencyMs,
    );
    if (!plugin) continue;
    for (const phase of PHASES) {
      const d = summaryOf(dynamic, phase);
      const p = summaryOf(plugin, phase);
      // Within a round the doors ran one after the other: their ratio is taken there.
      const perRound = dynamic.rounds.map(
        (round, i) =>
          phaseOf(plugin.rounds[i].phases, phase).wallMs / phaseOf(round.phases, phase).wallMs,
      );
      out.push([
        describeFleet(dynamic.fleet),
        phase,
        ms(d.wallMs),
        ms(p.wallMs),
        describeSpread(spreadOf(perRound), 2, perRound.length),
        describeCallRange(d.calls),
        describeCallRange(p.calls),
        mb(d.peakRssKb.get("provider host")),
        mb(p.peakRssKb.get("plugin")),
        `${loadsOf(dynamic)} vs ${loadsOf(plugin)}`,
      ]);
    }
  }
  return renderTable(
    [
      "fleet",
      "phase",
      "wall dynamic",
      "wall plugin",
      "plugin / dynamic",
      "API calls dynamic",
      "API calls plugin",
      "RSS host",
      "RSS plugin",
      "load",
    ],
    out,
  );
}

async function main(): Promise<void> {
  const { doors, fleets, slowFleets, parallels, slowParallels, latencyMs, slowLatencyMs, rounds } =
    options();
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
    `phases: ${PHASES.map((p) => `${p} = pulumi ${phaseArgs(p, 16).join(" ")}`).join("; ")}; ` +
      `${rounds} round(s) per fleet, each the two floors then our lifecycles\n`,
  );

  let pluginDoor: PluginDoor | undefined;
  if (doors.includes("plugin")) {
    pluginDoor = await preparePluginDoor((line) => process.stderr.write(`${line}\n`));
  }
  try {
    await measureAll();
  } finally {
    if (pluginDoor) fs.rmSync(pluginDoor.dir, { recursive: true, force: true });
  }

  async function measureAll(): Promise<void> {
    const rows: Row[] = [];
    const loads: string[] = [];
    const log = (what: string) => {
      const load = loadAverage();
      process.stderr.write(`${new Date().toISOString()} ${what} (load ${load})\n`);
      loads.push(load);
      return load;
    };
    for (const group of shapeGroups(fleets)) {
      for (const parallel of parallels) {
        const latenciesOf = (fleet: Fleet) =>
          slowLatencyMs > 0 &&
          slowFleets.some((f) => sameFleet(f, fleet)) &&
          slowParallels.includes(parallel)
            ? [latencyMs, slowLatencyMs]
            : [latencyMs];
        const groupRows = group.flatMap((fleet) =>
          latenciesOf(fleet).flatMap((latency) =>
            doors.map((door): Row => ({ fleet, door, parallel, latencyMs: latency, rounds: [] })),
          ),
        );
        rows.push(...groupRows);
        for (let round = 1; round <= rounds; round++) {
          const of = `round ${round}/${rounds}: ${describeFleet(group[0])} at --parallel ${parallel}`;
          // The floors do no I/O, so neither latency nor the locations' names change them: one
          // lifecycle of each serves every latency and location count of the round.
          const floorOf = (provider: "floor" | "lightest") => {
            log(`${of}: ${provider} floor`);
            return measureLifecycle({ fleet: group[0], provider, parallel, latencyMs });
          };
          const floor = await floorOf("floor");
          const lightest = await floorOf("lightest");
          // The doors one after the other on the same fleet, so that both see the same load; every
          // other round in the reverse order, so that neither always runs on the later load.
          for (const row of round % 2 === 1 ? groupRows : [...groupRows].reverse()) {
            const load = log(
              `round ${round}/${rounds}: ${describeFleet(row.fleet)} at --parallel ${parallel}, ${row.latencyMs} ms, ${row.door} door`,
            );
            const phases = await measureLifecycle({
              fleet: row.fleet,
              provider: row.door === "plugin" ? "plugin" : "aculab",
              parallel,
              latencyMs: row.latencyMs,
              plugin: pluginDoor,
            });
            row.rounds.push({ phases, floor, lightest, load: load.split(" ")[0] });
          }
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
    if (doors.length > 1) console.log(`### the two doors\n\n${doorTable(rows)}\n`);
    const targets = rows.flatMap(targetsOf);
    console.log(
      `### targets\n\n${renderTable(
        ["fleet", "door", "-p", "latency", "target", "measured", "verdict"],
        targets.map((t) => [
          describeFleet(t.row.fleet),
          t.row.door,
          String(t.row.parallel),
          `${t.row.latencyMs} ms`,
          t.target,
          t.measured,
          t.met ? "met" : "NOT MET",
        ]),
      )}`,
    );
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
