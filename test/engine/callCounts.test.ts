import { phaseArgs } from "../../bench/lifecycle";
import { benchProgram } from "../../bench/project";
import { Fleet, fleetEnv } from "../../bench/fleet";
import { defaultTuning } from "../../provider/resources/account";
import {
  accountNumbers,
  createEngineProject,
  EngineProject,
  numbersInState,
  requestsTo,
} from "./support/engineProject";

// The call counts of issue 14 through the real engine, for fleets small enough for CI: the bench's
// own program (bench/program) and its own CLI commands (bench/lifecycle.ts phaseArgs), 20 ms per
// request. The engine hands the provider host one operation at a time, at most --parallel at once;
// these assert what the provider makes of that, never how long it took.
const LATENCY_MS = 20;
const PARALLEL = 16;
const LOCATIONS = ["Milton Keynes", "London", "Berlin", "Madrid"];

// How many operations share a call depends on when the engine sends them, so the hosts these
// commands start wait 5 s of engine silence before sending a gathered batch (the dynamic door's
// test entry point, support/tunedDynamicHost.ts): the gaps between the engine's calls within a wave
// were at most 91 ms at N = 500 on a loaded machine (docs/performance.md), so a batch ends when its
// wave does, not when the machine stalls.
const tuning = {
  ...defaultTuning,
  batchWindowMs: 5_000,
  batchWindowMaxMs: 5_000,
  batchMaxWaitMs: 600_000,
};
const envOf = (fleet: Fleet) => fleetEnv(fleet, "aculab");

async function openFleet(): Promise<EngineProject> {
  return createEngineProject({
    program: benchProgram,
    simulator: { faults: { latencyMs: LATENCY_MS } },
    dynamicHostTuning: tuning,
  });
}

/** Runs one bench phase through the plain CLI and returns the requests it caused. */
async function phase(project: EngineProject, fleet: Fleet, name: Parameters<typeof phaseArgs>[0]) {
  project.simulator.resetRequestLog();
  const run = await project.pulumi(phaseArgs(name, PARALLEL), { env: envOf(fleet) });
  if (run.code !== 0) {
    throw new Error(`pulumi ${name} exited ${run.code}:
${run.stdout}
${run.stderr}`);
  }
  return project.simulator.requests();
}

const services = (requests: Array<{ service: string }>) =>
  requests.map((r) => r.service).filter((s) => s.startsWith("tel_"));

describe("20 InboundNumbers over 4 locations at --parallel 16, through the real pulumi CLI", () => {
  const fleet: Fleet = { shape: "numbers", count: 20, locations: 4, blockSize: 25 };
  const waves = Math.ceil(20 / PARALLEL);
  let project: EngineProject;
  beforeAll(async () => {
    project = await openFleet();
  });
  afterAll(() => project?.close());

  it("preview dry-runs once per location; up buys in at most waves × locations calls; refresh lists once; an unchanged preview and up ask nothing; destroy releases in at most ceil(N/P) calls", async () => {
    const { simulator } = project;

    const preview = await phase(project, fleet, "preview");
    expect(services(preview).sort()).toEqual(Array(4).fill("tel_purchase_development"));
    expect(
      requestsTo(simulator, "tel_purchase_development")
        .map((r) => r.params.region)
        .sort(),
    ).toEqual([...LOCATIONS].sort());
    expect(accountNumbers(simulator)).toEqual([]);

    await phase(project, fleet, "up");
    const purchases = requestsTo(simulator, "tel_purchase");
    expect(purchases.length).toBeLessThanOrEqual(waves * LOCATIONS.length);
    expect(purchases.reduce((sum, r) => sum + Number(r.params.quantity ?? 1), 0)).toBe(20);
    // Five resources per location: every purchase asks for numbers at one of them.
    for (const region of LOCATIONS) {
      const here = purchases.filter((r) => r.params.region === region);
      expect({
        region,
        bought: here.reduce((n, r) => n + Number(r.params.quantity ?? 1), 0),
      }).toEqual({ region, bought: 5 });
    }
    const bought = accountNumbers(simulator);
    expect(bought).toHaveLength(20);
    expect(numbersInState(await project.aculabResources())).toEqual(bought);

    const recorded = await project.aculabResources();
    const refresh = await phase(project, fleet, "refresh");
    expect(services(refresh)).toEqual(["tel_list_numbers"]);
    // One listing of the whole account, not one per location.
    expect(refresh[0].params).toEqual({});
    // The inputs the engine recorded stay as they were (the resource's name included): inputs made
    // anew by the read would differ from those of the next up, whose every same step would then
    // rewrite the checkpoint.
    expect(await project.aculabResources()).toEqual(recorded);
    // As users type it, without --skip-preview: the preview and the update each read every
    // resource in a provider process of their own, and the update reads the preview's listing.
    // (Two listings before issue 22, one per process.)
    simulator.resetRequestLog();
    const previewed = await project.pulumi(
      ["refresh", "--yes", "--non-interactive", "--parallel", String(PARALLEL)],
      { env: envOf(fleet) },
    );
    expect(previewed.code).toBe(0);
    expect(services(simulator.requests())).toEqual(["tel_list_numbers"]);
    expect(await project.aculabResources()).toEqual(recorded);

    expect(services(await phase(project, fleet, "no-change up"))).toEqual([]);
    simulator.resetRequestLog();
    const unchanged = await project.pulumi(
      ["preview", "--expect-no-changes", "--non-interactive", "--parallel", String(PARALLEL)],
      { env: envOf(fleet) },
    );
    expect(unchanged.code).toBe(0);
    expect(services(simulator.requests())).toEqual([]);
    expect(accountNumbers(simulator)).toEqual(bought);

    await phase(project, fleet, "destroy");
    const deletes = requestsTo(simulator, "tel_delete_numbers");
    expect(deletes.length).toBeLessThanOrEqual(Math.ceil(20 / PARALLEL));
    expect(deletes.flatMap((r) => r.params.numbers.split(",")).sort()).toEqual(bought);
    expect(services(simulator.requests()).filter((s) => s !== "tel_delete_numbers")).toEqual([]);
    expect(accountNumbers(simulator)).toEqual([]);
    expect(await project.aculabResources()).toEqual([]);
  });
});

describe("40 numbers as 8 NumberBlocks of 5 (2 per location) at --parallel 16, through the real pulumi CLI", () => {
  const fleet: Fleet = { shape: "blocks", count: 40, locations: 4, blockSize: 5 };
  let project: EngineProject;
  beforeAll(async () => {
    project = await openFleet();
  });
  afterAll(() => project?.close());

  it("up buys the two blocks of each location in one all-or-nothing call, refresh lists once, destroy releases all 40 in one call", async () => {
    const { simulator } = project;
    await phase(project, fleet, "up");
    // One wave of 8 creates: one tel_purchase per location for both its blocks, without
    // allow_partial (each block needs all its numbers).
    const purchases = requestsTo(simulator, "tel_purchase");
    expect(purchases.map((r) => [r.params.region, r.params.quantity]).sort()).toEqual(
      [...LOCATIONS].sort().map((region) => [region, "10"]),
    );
    expect(purchases.filter((r) => r.params.allow_partial !== undefined)).toEqual([]);
    const bought = accountNumbers(simulator);
    expect(bought).toHaveLength(40);
    const blocks = await project.aculabResources();
    expect(numbersInState(blocks)).toEqual(bought);
    expect(blocks.map((b) => (b.outputs.numbers as string[]).length)).toEqual(Array(8).fill(5));

    const refresh = await phase(project, fleet, "refresh");
    expect(services(refresh)).toEqual(["tel_list_numbers"]);
    expect(services(await phase(project, fleet, "no-change up"))).toEqual([]);

    const destroy = await phase(project, fleet, "destroy");
    expect(services(destroy)).toEqual(["tel_delete_numbers"]);
    expect(destroy[0].params.numbers.split(",").sort()).toEqual(bought);
    expect(accountNumbers(simulator)).toEqual([]);
  });
});
