import { Phase } from "./ideal";
import { PhaseMeasurement } from "./lifecycle";
import { ProcessRole } from "./processes";

/**
 * One round of a fleet: our provider's lifecycle and the two floors measured just before it. A
 * ratio is taken within a round, never across rounds, so that a change of load between rounds
 * moves the wall and its floors together instead of showing as the provider's cost.
 */
export interface Round {
  phases: PhaseMeasurement[];
  /** The same shape: every output property declared. */
  floor: PhaseMeasurement[];
  /** The lightest resource: two inputs, no declared output. */
  lightest: PhaseMeasurement[];
  /** The 1-minute load average when our lifecycle began. */
  load: string;
}

export function phaseOf(list: PhaseMeasurement[], phase: Phase): PhaseMeasurement {
  const found = list.find((p) => p.phase === phase);
  if (!found) throw new Error(`no measurement of ${phase}`);
  return found;
}

export function median(values: number[]): number {
  if (values.length === 0) throw new Error("the median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The median of a figure over the rounds, with its lowest and highest. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spreadOf(values: number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/** "1.08", or "1.08 (1.02–1.15)" over several rounds. */
export function describeSpread(spread: Spread, digits: number, rounds: number): string {
  const fixed = (value: number) => value.toFixed(digits);
  return rounds === 1
    ? fixed(spread.median)
    : `${fixed(spread.median)} (${fixed(spread.min)}–${fixed(spread.max)})`;
}

/** One phase of a fleet over its rounds. */
export interface PhaseSummary {
  wallMs: number;
  floorMs: number;
  lightestMs: number;
  /** wall / (floor + ideal), per round. */
  ratio: Spread;
  /** wall / (lightest + ideal), per round. */
  lightRatio: Spread;
  /** wall − lightest − ideal, per round. */
  overLightestMs: Spread;
  /** Per service, the fewest and the most calls a round made. */
  calls: Record<string, { min: number; max: number }>;
  /** Per process role, the highest peak of any round. */
  peakRssKb: Map<ProcessRole, number>;
  floorPeakRssKb: Map<ProcessRole, number>;
}

function callRange(rounds: Record<string, number>[]): Record<string, { min: number; max: number }> {
  const services = new Set(rounds.flatMap((calls) => Object.keys(calls)));
  const range: Record<string, { min: number; max: number }> = {};
  for (const service of services) {
    const counts = rounds.map((calls) => calls[service] ?? 0);
    range[service] = { min: Math.min(...counts), max: Math.max(...counts) };
  }
  return range;
}

function highestPeaks(measurements: PhaseMeasurement[]): Map<ProcessRole, number> {
  const peaks = new Map<ProcessRole, number>();
  for (const { peakRssKb } of measurements)
    for (const [role, kb] of peakRssKb) peaks.set(role, Math.max(kb, peaks.get(role) ?? 0));
  return peaks;
}

export function summarize(rounds: Round[], phase: Phase, idealMs: number): PhaseSummary {
  const ours = rounds.map((r) => phaseOf(r.phases, phase));
  const floors = rounds.map((r) => phaseOf(r.floor, phase));
  const lightests = rounds.map((r) => phaseOf(r.lightest, phase));
  return {
    wallMs: median(ours.map((m) => m.wallMs)),
    floorMs: median(floors.map((m) => m.wallMs)),
    lightestMs: median(lightests.map((m) => m.wallMs)),
    ratio: spreadOf(ours.map((m, i) => m.wallMs / (floors[i].wallMs + idealMs))),
    lightRatio: spreadOf(ours.map((m, i) => m.wallMs / (lightests[i].wallMs + idealMs))),
    overLightestMs: spreadOf(ours.map((m, i) => m.wallMs - lightests[i].wallMs - idealMs)),
    calls: callRange(ours.map((m) => m.calls)),
    peakRssKb: highestPeaks(ours),
    floorPeakRssKb: highestPeaks(floors),
  };
}

/** "tel_list_numbers 28–29, tel_purchase 26": each service's count, a range where rounds differ. */
export function describeCallRange(calls: Record<string, { min: number; max: number }>): string {
  const entries = Object.entries(calls).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0
    ? "none"
    : entries
        .map(([service, { min, max }]) => `${service} ${min === max ? min : `${min}–${max}`}`)
        .join(", ");
}
