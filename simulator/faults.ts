// Fault injection with a seeded PRNG so that a test asking for "20% of 503s" sees the same
// sequence on every run.

import type { FaultKind, FaultSettings, FaultStatus } from "./types";

const STATUSES: readonly FaultStatus[] = [429, 500, 503];

/** mulberry32: tiny, fast and good enough to spread faults; not for anything secret. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function validateFaults(settings: FaultSettings): void {
  const rates: Array<[string, number | undefined]> = [
    ["dropAfterPurchase", settings.dropAfterPurchase],
    ["failAfterCommit", settings.failAfterCommit],
  ];
  for (const [service, byStatus] of Object.entries(settings.errorRates ?? {})) {
    for (const [status, rate] of Object.entries(byStatus)) {
      if (!STATUSES.includes(Number(status) as FaultStatus)) {
        throw new Error(
          `Fault status ${status} for ${service} is not one of ${STATUSES.join(", ")}`,
        );
      }
      rates.push([`${service}:${status}`, rate]);
    }
  }
  for (const [name, rate] of rates) {
    if (rate !== undefined && !(rate >= 0 && rate <= 1)) {
      throw new Error(`Fault rate ${name} must be between 0 and 1, got ${rate}`);
    }
  }
  const latency = settings.latencyMs;
  if (latency !== undefined && !(Number.isFinite(latency) && latency >= 0)) {
    throw new Error(`latencyMs must be a non-negative number, got ${latency}`);
  }
}

export class Faults {
  private settings: FaultSettings = {};
  private readonly random: () => number;
  private readonly counts: Record<FaultKind, number> = {
    "429": 0,
    "500": 0,
    "503": 0,
    dropAfterPurchase: 0,
    failAfterCommit: 0,
  };

  constructor(settings: FaultSettings, seed: number) {
    this.random = seededRandom(seed);
    this.set(settings);
  }

  set(settings: FaultSettings): void {
    validateFaults(settings);
    this.settings = structuredClone(settings);
  }

  latencyMs(): number {
    return this.settings.latencyMs ?? 0;
  }

  /** One draw decides among the statuses, so their rates add up rather than shadow each other. */
  beforeRequest(service: string): FaultStatus | undefined {
    const all = this.settings.errorRates?.["*"] ?? {};
    const own = this.settings.errorRates?.[service] ?? {};
    const rates = STATUSES.map((s) => [s, own[s] ?? all[s] ?? 0] as const);
    if (rates.every(([, rate]) => rate === 0)) return undefined;
    let threshold = this.random();
    for (const [status, rate] of rates) {
      if (threshold < rate) {
        this.counts[String(status) as FaultKind] += 1;
        return status;
      }
      threshold -= rate;
    }
    return undefined;
  }

  /** Decided after a purchase committed: the ways a client can lose a successful answer. */
  afterPurchaseCommit(): "dropAfterPurchase" | "failAfterCommit" | undefined {
    for (const kind of ["dropAfterPurchase", "failAfterCommit"] as const) {
      const rate = this.settings[kind] ?? 0;
      if (rate > 0 && this.random() < rate) {
        this.counts[kind] += 1;
        return kind;
      }
    }
    return undefined;
  }

  countsSnapshot(): Record<FaultKind, number> {
    return { ...this.counts };
  }
}
