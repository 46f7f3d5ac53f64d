import * as path from "node:path";
import { CANARY_API_KEY, Deployment, DeploymentResult, LocalEngine } from "../../harness";
import type { FaultSettings } from "../../simulator";

export const fleetProgram = path.join(__dirname, "..", "programs", "fleet");

/**
 * The fault mix of the lifecycle and load suites. tel_purchase gets no injected 5xx before its
 * commit: the client cannot tell one from a 500 after the commit (same body), so each would
 * leave its resource unconfirmed for a later attempt to settle; reconciliation.test.ts proves
 * that path in-process. Here the purchase faults are the ones after the commit (the hard ones)
 * and 429s. Run with shortListingWait.
 */
export const mixedFaults: FaultSettings = {
  latencyMs: 2,
  errorRates: {
    "*": { 429: 0.05, 500: 0.05, 503: 0.05 },
    tel_purchase: { 429: 0.1, 500: 0, 503: 0 },
  },
  dropAfterPurchase: 0.15,
  failAfterCommit: 0.15,
};

/**
 * The stack config of a deployment whose purchases' answers are lost (mixedFaults): every lost
 * answer is decided when its window, aculab:listingWaitMs after it, ends, so the default 15 s would
 * hold each location up that long per lost answer. 2 s keeps the suites near their time, and no
 * outcome depends on the machine's speed: a number is taken for the purchase's own only if it is
 * listed by the first listing asked after the window's end, and the simulator lists it its
 * listingDelayMs (at most 300 ms in these suites) after the commit, which comes before the
 * answer is lost, itself 2 s before the window ends. Both clocks are the machine's.
 */
export const shortListingWait: Record<string, string> = { "aculab:listingWaitMs": "2000" };

/** The fleet program's environment variables (test/programs/fleet). */
export type FleetShape = {
  FLEET_SIZE: number;
  LOCATIONS: number;
  BLOCKS: number;
  BLOCK_QUANTITY: number;
};

export const fleetEnv = (shape: FleetShape): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, String(v)]));

/** State holds the resources the program declares, each block with the quantity asked for. */
export function expectFleet(deployment: Deployment, shape: FleetShape): void {
  const entries = [...deployment.engine.state.values()];
  const lines = entries
    .filter((e) => e.name.startsWith("line-"))
    .map((e) => e.name)
    .sort();
  const blocks = entries.filter((e) => e.name.startsWith("block-"));
  expect(lines).toEqual(Array.from({ length: shape.FLEET_SIZE }, (_, i) => `line-${i}`).sort());
  expect(blocks.map((b) => [b.name, (b.outputs.numbers as string[]).length]).sort()).toEqual(
    Array.from({ length: shape.BLOCKS }, (_, i) => [`block-${i}`, shape.BLOCK_QUANTITY]).sort(),
  );
}

/** Every number state records, with the resource that records it. */
export function recordedNumbers(engine: LocalEngine): Array<{ urn: string; number: string }> {
  return [...engine.state.values()].flatMap((entry) => {
    const numbers = (entry.outputs.numbers as string[] | undefined) ?? [
      entry.outputs.number as string,
    ];
    return numbers.map((number) => ({ urn: entry.urn, number }));
  });
}

export interface FleetAudit {
  /** Owned by the account but recorded by no resource: paid for and unmanaged. */
  orphans: string[];
  /** Recorded more than once (by two resources, or twice by one): bought twice or shared. */
  recordedTwice: string[];
  /** Recorded but no longer owned: harmless (release answers 0300) but state is stale. */
  notOwned: string[];
}

export function auditFleet(deployment: Deployment): FleetAudit {
  const owned = new Set(Object.keys(deployment.simulator.ownedNumbers()));
  const recorded = recordedNumbers(deployment.engine).map((r) => r.number);
  const seen = new Set<string>();
  const recordedTwice = recorded.filter((n) => seen.has(n) || !seen.add(n));
  return {
    orphans: [...owned].filter((n) => !seen.has(n)).sort(),
    recordedTwice: recordedTwice.sort(),
    notOwned: [...seen].filter((n) => !owned.has(n)).sort(),
  };
}

/** What the whole suite did, printed once at the end as the figures docs/reliability.md quotes. */
export const tally = {
  lifecycles: 0,
  commands: 0,
  attempts: 0,
  orphansFound: 0,
  recordedTwice: 0,
  faults: { "429": 0, "500": 0, "503": 0, dropAfterPurchase: 0, failAfterCommit: 0 } as Record<
    string,
    number
  >,
};

export function countFaults(deployment: Deployment): void {
  for (const [kind, n] of Object.entries(deployment.simulator.faultCounts()))
    tally.faults[kind] += n;
}

export function summary(suite: string): string {
  const faults = Object.values(tally.faults).reduce((a, b) => a + b, 0);
  const kinds = Object.entries(tally.faults)
    .map(([kind, n]) => `${kind}=${n}`)
    .join(" ");
  return (
    `[reliability] ${suite}: ${tally.lifecycles} lifecycles, ${tally.commands} commands in ${tally.attempts} attempts, ` +
    `${faults} faults injected (${kinds}), orphans found: ${tally.orphansFound}, numbers recorded twice: ${tally.recordedTwice}`
  );
}

/**
 * Runs a command the way a user does after a failure: again, up to `maxAttempts` times. After
 * every attempt, failed or not, no number may be an orphan or recorded twice; after the attempt
 * that succeeds, state records exactly what the account owns. Returns every error seen.
 */
export async function runLikeAUser(
  deployment: Deployment,
  command: () => Promise<DeploymentResult>,
  maxAttempts = 8,
): Promise<string[]> {
  tally.commands++;
  const errors: string[] = [];
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const result = await command();
    tally.attempts++;
    const audit = auditFleet(deployment);
    tally.orphansFound += audit.orphans.length;
    tally.recordedTwice += audit.recordedTwice.length;
    expect({ orphans: audit.orphans, recordedTwice: audit.recordedTwice }).toEqual({
      orphans: [],
      recordedTwice: [],
    });
    errors.push(...result.errors.map((step) => `${step.name}: ${step.error}`));
    if (result.errors.length === 0) {
      expect(audit.notOwned).toEqual([]);
      return errors;
    }
  }
  throw new Error(`still failing after ${maxAttempts} attempts:\n${errors.slice(-5).join("\n")}`);
}

/** The canary key must appear nowhere a user or a log collector could read it. */
export function expectNoCanary(deployment: Deployment, errors: string[]): void {
  const places = {
    state: JSON.stringify([...deployment.engine.state.values()]),
    errors: errors.join("\n"),
    hostLogs: deployment.hostLogs.join("\n"),
  };
  for (const [place, text] of Object.entries(places)) {
    expect({ place, leaks: text.includes(CANARY_API_KEY) }).toEqual({ place, leaks: false });
  }
}

/**
 * Whole lifecycles of the fleet program through Pulumi's dynamic-provider host while the
 * simulator injects faults, each command re-run like a user would (runLikeAUser checks the
 * invariants after every attempt), and each leaving the fleet the program asks for.
 */
export async function lifecycle(
  deployment: Deployment,
  start: FleetShape,
  grown: FleetShape,
  shrunk: FleetShape,
): Promise<void> {
  const errors: string[] = [];
  errors.push(...(await runLikeAUser(deployment, () => deployment.up(fleetEnv(start)))));
  expectFleet(deployment, start);

  const before = deployment.simulator.requests().length;
  const recorded = recordedNumbers(deployment.engine)
    .map((r) => `${r.urn} ${r.number}`)
    .sort();
  errors.push(...(await runLikeAUser(deployment, () => deployment.refresh())));
  // Refresh only reads: nothing bought, nothing released, every number still where it was.
  const refreshCalls = new Set(
    deployment.simulator
      .requests()
      .slice(before)
      .map((r) => r.service),
  );
  expect([...refreshCalls]).toEqual(["tel_list_numbers"]);
  expect(
    recordedNumbers(deployment.engine)
      .map((r) => `${r.urn} ${r.number}`)
      .sort(),
  ).toEqual(recorded);

  errors.push(...(await runLikeAUser(deployment, () => deployment.up(fleetEnv(grown)))));
  expectFleet(deployment, grown);
  errors.push(...(await runLikeAUser(deployment, () => deployment.up(fleetEnv(shrunk)))));
  expectFleet(deployment, shrunk);

  errors.push(...(await runLikeAUser(deployment, () => deployment.destroy())));
  expect(deployment.engine.state.size).toBe(0);
  expect(deployment.simulator.ownedNumbers()).toEqual({});
  expectNoCanary(deployment, errors);
  tally.lifecycles++;
}
