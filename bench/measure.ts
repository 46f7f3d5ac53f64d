import { performance } from "node:perf_hooks";
import {
  CapturedResource,
  createDeployment,
  Deployment,
  DeploymentResult,
  startDynamicHost,
} from "../harness";
import { benchProgram, resourceCount, Scenario, scenarioEnv } from "./scenario";

export type Phase = "up" | "refresh" | "destroy";

export interface PhaseMeasurement {
  phase: Phase;
  /** tel_* calls the phase made, by service. */
  calls: Record<string, number>;
  /** The engine operation alone: host start and program capture are measured apart. */
  wallMs: number;
  result: DeploymentResult;
}

export interface BenchOptions {
  latencyMs: number;
  parallel: number;
}

/** A deployment of the bench program with enough stock for the whole fleet at each location. */
export function openBenchDeployment(
  scenario: Scenario,
  options: BenchOptions,
): Promise<Deployment> {
  return createDeployment(benchProgram, {
    simulator: {
      stockPerRegion: Math.max(50, scenario.count),
      faults: { latencyMs: options.latencyMs },
    },
    parallel: options.parallel,
    env: scenarioEnv(scenario),
  });
}

export function callDelta(
  after: Record<string, number>,
  before: Record<string, number>,
): Record<string, number> {
  const delta: Record<string, number> = {};
  for (const [service, count] of Object.entries(after)) {
    if (count - (before[service] ?? 0) > 0) delta[service] = count - (before[service] ?? 0);
  }
  return delta;
}

/**
 * Runs one command through a fresh dynamic-provider host, as the CLI does, and measures the
 * engine operation: the tel_* calls it caused and its wall time.
 */
export async function measurePhase(
  deployment: Deployment,
  scenario: Scenario,
  phase: Phase,
  resources: CapturedResource[],
): Promise<PhaseMeasurement> {
  const host = await startDynamicHost(deployment.workspace.programDir, deployment.config, {
    ...process.env,
    ...scenarioEnv(scenario),
  });
  try {
    const before = deployment.simulator.callCounts();
    const started = performance.now();
    const result =
      phase === "up"
        ? await deployment.engine.up(host.client, resources)
        : phase === "refresh"
          ? await deployment.engine.refresh(host.client)
          : await deployment.engine.destroy(host.client);
    const wallMs = performance.now() - started;
    return { phase, calls: callDelta(deployment.simulator.callCounts(), before), wallMs, result };
  } finally {
    await host.stop();
    deployment.hostLogs.push(host.process.stderr());
  }
}

/** up, refresh and destroy of one fleet; fails loudly if any operation failed. */
export async function measureLifecycle(
  deployment: Deployment,
  scenario: Scenario,
): Promise<{ resources: CapturedResource[]; phases: PhaseMeasurement[] }> {
  const resources = await deployment.capture();
  if (resources.length !== resourceCount(scenario)) {
    throw new Error(
      `the bench program declared ${resources.length} resources, expected ${resourceCount(scenario)}`,
    );
  }
  const phases: PhaseMeasurement[] = [];
  for (const phase of ["up", "refresh", "destroy"] as const) {
    const measured = await measurePhase(deployment, scenario, phase, resources);
    if (measured.result.errors.length > 0) {
      const first = measured.result.errors[0];
      throw new Error(
        `${phase} failed for ${measured.result.errors.length} resource(s); first, ${first.name}: ${first.error}`,
      );
    }
    phases.push(measured);
  }
  return { resources, phases };
}
