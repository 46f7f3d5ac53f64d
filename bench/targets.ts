import { PhaseMeasurement } from "./measure";
import { fewestDeleteCalls } from "./ideal";
import { locationsUsed, resourceCount, Scenario } from "./scenario";
import { ms } from "./table";

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

export interface TargetSettings {
  latencyMs: number;
  parallel: number;
  /** The provider's release batch size (AccountTuning.releaseBatchSize). */
  batchSize: number;
}

/** The targets, evaluated for one fleet. */
export function checkTargets(
  scenario: Scenario,
  phases: PhaseMeasurement[],
  settings: TargetSettings,
): TargetCheck[] {
  const phase = (name: PhaseMeasurement["phase"]) => phases.find((p) => p.phase === name)!;
  const resources = resourceCount(scenario);
  const locations = locationsUsed(scenario);
  const checks: TargetCheck[] = [];

  const listings = phase("refresh").calls.tel_list_numbers ?? 0;
  checks.push({
    target: `refresh: tel_list_numbers ≤ ${locations} (one per location)`,
    measured: String(listings),
    met: listings <= locations,
  });

  const deletes = phase("destroy").calls.tel_delete_numbers ?? 0;
  const allowed = Math.ceil(scenario.count / settings.batchSize);
  const floor = fewestDeleteCalls(scenario, settings.parallel, settings.batchSize);
  checks.push({
    target: `destroy: tel_delete_numbers ≤ ceil(${scenario.count}/${settings.batchSize}) = ${allowed}`,
    measured: `${deletes} (floor at --parallel ${settings.parallel}: ${floor})`,
    met: deletes <= allowed,
  });

  const purchases = phase("up").calls.tel_purchase ?? 0;
  checks.push({
    target: `up: tel_purchase ≤ ${resources} resources`,
    measured: String(purchases),
    met: purchases <= resources,
  });
  if (scenario.shape === "numbers") {
    const limit = 2 * Math.ceil(resources / settings.parallel) * 2 * settings.latencyMs;
    const wall = phase("up").wallMs;
    checks.push({
      target: `up: wall ≤ 2 × ceil(${resources}/${settings.parallel}) × 2 × ${settings.latencyMs} ms = ${ms(limit)}`,
      measured: ms(wall),
      met: wall <= limit,
    });
  }
  return checks;
}
