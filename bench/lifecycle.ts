import { CANARY_API_KEY } from "../harness/deployment";
import { Fleet, fleetEnv, ProviderKind, resourceCount } from "./fleet";
import { PluginDoor } from "./door";
import { Phase, PHASES } from "./ideal";
import { ProcessRole } from "./processes";
import { CliProject, createCliProject } from "./project";

export interface PhaseMeasurement {
  phase: Phase;
  /** tel_* calls the phase made, by service (simulator.callCounts() after minus before). */
  calls: Record<string, number>;
  /** The whole `pulumi` command, spawn to exit. */
  wallMs: number;
  /** Peak resident memory per role of the command's processes, kB. */
  peakRssKb: Map<ProcessRole, number>;
}

export interface LifecycleOptions {
  fleet: Fleet;
  provider: ProviderKind;
  parallel: number;
  latencyMs: number;
  /** Required when provider is "plugin". */
  plugin?: PluginDoor;
}

/** The CLI arguments of each phase; every one at `--parallel P`, non-interactive. */
export function phaseArgs(phase: Phase, parallel: number): string[] {
  const common = ["--non-interactive", "--parallel", String(parallel)];
  switch (phase) {
    case "preview":
      return ["preview", ...common];
    case "up":
      return ["up", "--yes", "--skip-preview", ...common];
    case "refresh":
      return ["refresh", "--yes", "--skip-preview", "--expect-no-changes", ...common];
    case "no-change up":
      return ["up", "--yes", "--skip-preview", "--expect-no-changes", ...common];
    case "destroy":
      return ["destroy", "--yes", "--skip-preview", ...common];
  }
}

export function callDelta(
  after: Record<string, number>,
  before: Record<string, number>,
): Record<string, number> {
  const delta: Record<string, number> = {};
  for (const [service, count] of Object.entries(after)) {
    const made = count - (before[service] ?? 0);
    if (made > 0) delta[service] = made;
  }
  return delta;
}

/**
 * What each phase must leave, so that a fast wrong answer is never measured: the account holds
 * nothing after preview and destroy and exactly the fleet's numbers in between (our provider, through
 * either door), and
 * every command succeeds.
 */
function verify(project: CliProject, options: LifecycleOptions, phase: Phase): void {
  if (options.provider !== "aculab" && options.provider !== "plugin") return;
  const owned = Object.keys(project.simulator.ownedNumbers()).length;
  const expected = phase === "preview" || phase === "destroy" ? 0 : options.fleet.count;
  if (owned !== expected) {
    throw new Error(`after ${phase} the account holds ${owned} numbers, expected ${expected}`);
  }
}

/** preview, up, refresh, a no-change up and destroy of one fleet, each a plain `pulumi` command. */
export async function measureLifecycle(options: LifecycleOptions): Promise<PhaseMeasurement[]> {
  const { fleet } = options;
  if (options.provider === "plugin" && !options.plugin)
    throw new Error("the plugin door needs its archive and SDK: preparePluginDoor()");
  const project = await createCliProject({
    plugin: options.provider === "plugin" ? options.plugin : undefined,
    apiKey: CANARY_API_KEY,
    env: fleetEnv(fleet, options.provider),
    simulator: {
      stockPerRegion: Math.max(50, fleet.count),
      faults: { latencyMs: options.latencyMs },
    },
  });
  try {
    const phases: PhaseMeasurement[] = [];
    for (const phase of PHASES) {
      const before = project.simulator.callCounts();
      const run = await project.run(phaseArgs(phase, options.parallel));
      if (run.code !== 0) {
        throw new Error(
          `pulumi ${phaseArgs(phase, options.parallel).join(" ")} of ${resourceCount(fleet)} ` +
            `${options.provider} resources exited ${run.code}:\n${run.stdout.slice(-4000)}\n${run.stderr.slice(-4000)}`,
        );
      }
      verify(project, options, phase);
      phases.push({
        phase,
        calls: callDelta(project.simulator.callCounts(), before),
        wallMs: run.wallMs,
        peakRssKb: run.peakRssKb,
      });
    }
    return phases;
  } finally {
    await project.close();
  }
}
