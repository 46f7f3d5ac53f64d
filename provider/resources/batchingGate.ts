import { AccountTuning } from "./accountTuning";
import { Clock } from "./clock";
import { pollUntil } from "./poll";

type GateTuning = Pick<AccountTuning, "batchWindowMs" | "batchWindowMaxMs" | "batchMaxWaitMs">;

/** What the flush rule looks at: the gathering open now and what the engine is doing. */
export interface GateView {
  /** purchase() and release() calls not settled yet: the engine operations waiting on Aculab. */
  outstanding: number;
  /** The most operations outstanding before the gathering began, if it began below that: else 0. */
  peakBefore: number;
  /** Checks running a dry run. */
  openChecks: number;
  /** Purchases the checks announced have not come yet: they will. */
  purchasesAnnounced: boolean;
  /** Releases wait: deletes are never announced, so more may come or none. */
  releasesGathered: boolean;
  /** This process sent a short wave of releases and more came after it: see BatchingGate.shortReleaseWave. */
  shortReleaseWaveWasNotLast: boolean;
  /** Until batchMaxWaitMs after the gathering began. */
  untilCapMs: number;
  /** See BatchingGate.quietWindowMs. */
  quietWindowMs: number;
  batchWindowMaxMs: number;
}

/**
 * How long the gathering waits before it is flushed, 0 for at once, from now (each call from the
 * engine asks again):
 * - as many operations wait on Aculab as ever did before this gathering began: every slot the
 *   engine has given this process is held here, so nothing more can come (the waves after the
 *   first flush as soon as they are complete);
 * - a check is running its dry run: until the cap (the check's end asks again);
 * - a later wave not yet complete (the last one, or one the engine is slow to hand over) waits
 *   batchWindowMaxMs while purchases the checks announced have not come (they will); once every
 *   announced purchase has arrived (the last wave of an `up`) it waits the quiet window like the
 *   first wave;
 * - a later wave of releases not yet complete may be a destroy's last (deletes are never
 *   announced): it waits twice the quiet window, enough for the engine's pauses between deletes,
 *   until this process saw a short wave of releases that was not the last (the engine stalled
 *   longer, as on a loaded machine): from then on batchWindowMaxMs, so a stalling engine splits
 *   at most one wave;
 * - never past batchMaxWaitMs after the gathering began, whatever else happens.
 */
export function flushWait(view: GateView): number {
  const knownWave = view.peakBefore > 0;
  if (knownWave && view.outstanding >= view.peakBefore) return 0;
  if (view.openChecks > 0) return view.untilCapMs;
  if (knownWave && view.purchasesAnnounced) return Math.min(view.batchWindowMaxMs, view.untilCapMs);
  if (knownWave && view.releasesGathered) {
    const patience = view.shortReleaseWaveWasNotLast
      ? view.batchWindowMaxMs
      : Math.min(2 * view.quietWindowMs, view.batchWindowMaxMs);
    return Math.min(patience, view.untilCapMs);
  }
  return Math.min(view.quietWindowMs, view.untilCapMs);
}

/**
 * The engine hands this process at most --parallel operations at once, one gRPC call at a time,
 * and starts the next only when one finishes. Purchases and releases are therefore gathered while
 * the engine is still sending, and flushed together (one tel_purchase per location, one
 * tel_delete_numbers per 100 numbers) when flushWait says.
 */
export class BatchingGate {
  private outstanding = 0;
  /** The most operations ever outstanding at once: at most the engine's --parallel. */
  private peakOutstanding = 0;
  /** Checks running a dry run: the engine is generating steps, so more operations may follow. */
  private openChecks = 0;
  private gathering?: {
    startedAt: number;
    /** See GateView.peakBefore. */
    peakBefore: number;
    /** The longest gap between the engine's calls seen in it, ms. */
    longestGapMs: number;
    cancelTimer?: () => void;
  };
  /**
   * Purchases the engine has announced and not yet asked for: a check of a new resource that buys
   * is followed by its create. Once none is left, the last wave of an `up` need not wait for
   * stragglers (see flushWait).
   */
  private announcedPurchases = 0;
  /** When the engine last called: an operation arrived, a check began or ended. */
  private lastCall = 0;
  /** Moving average of the engine's gaps between calls while a gathering is open, ms. */
  private typicalGapMs = 0;
  /** When the engine last showed this process a resource's state (a diff). */
  private lastShown = 0;
  /**
   * Whether a wave of releases below the engine's width was sent before batchWindowMaxMs ("sent"),
   * and whether releases came after one ("not last"): the engine had paused within a wave, not
   * finished it.
   */
  private shortReleaseWave: "none" | "sent" | "not last" = "none";

  constructor(
    private readonly tuning: GateTuning,
    private readonly clock: Clock,
    /** Sends what was gathered. */
    private readonly flushGathered: () => void,
    /** Releases are gathered: they may have stragglers. */
    private readonly releasesGathered: () => boolean,
  ) {}

  /** A check passed for a new resource that buys: its create, and so a purchase, will follow. */
  announcePurchase(): void {
    this.announcedPurchases++;
  }

  /** A purchase arrived: one fewer announced purchase to wait for. */
  purchaseArrived(): void {
    this.announcedPurchases = Math.max(0, this.announcedPurchases - 1);
  }

  /** A release arrived: a short wave of releases sent before it was not the last. */
  releaseArrived(): void {
    if (this.shortReleaseWave === "sent") this.shortReleaseWave = "not last";
  }

  /** Counts `operation` (a purchase or release already gathered) as outstanding until it settles. */
  gather<T>(operation: Promise<T>): Promise<T> {
    this.engineCalled(true);
    this.outstanding++;
    // Arriving beyond the peak means the peak is stale (a first wave flushed early): the gathering
    // then waits for the engine to pause instead.
    this.gathering ??= {
      startedAt: this.clock.now(),
      peakBefore: this.outstanding <= this.peakOutstanding ? this.peakOutstanding : 0,
      longestGapMs: 0,
    };
    this.peakOutstanding = Math.max(this.peakOutstanding, this.outstanding);
    const settled = () => this.outstanding--;
    operation.then(settled, settled);
    this.scheduleFlush();
    return operation;
  }

  /** A check runs its dry run: the engine is generating steps, more operations may follow. */
  checkStarted(): void {
    this.openChecks++;
    this.engineCalled(true);
  }

  checkFinished(): void {
    this.openChecks--;
    this.engineCalled(false);
  }

  /** The engine showed this process a resource's state: see untilEngineShownAll. */
  stateShown(): void {
    this.lastShown = this.clock.now();
  }

  /**
   * Resolves once the engine has shown this process no resource's state for batchWindowMaxMs and
   * runs no check (or after batchMaxWaitMs): the engine diffs the program's resources one after
   * another while the first updates already run, so a settlement waits for the rest before it
   * decides on numbers whose holder it does not know yet. Waiting decides nothing by itself:
   * a number with no known holder is never claimed.
   */
  async untilEngineShownAll(): Promise<void> {
    const { batchMaxWaitMs, batchWindowMaxMs } = this.tuning;
    const busy = () =>
      this.openChecks > 0 ||
      this.clock.now() - Math.max(this.lastCall, this.lastShown) < batchWindowMaxMs;
    await pollUntil(
      this.clock,
      { intervalMs: Math.min(50, batchWindowMaxMs), deadline: this.clock.now() + batchMaxWaitMs },
      (pastDeadline) => (pastDeadline() || !busy() ? true : undefined),
    );
  }

  /** How long without a call from the engine ends a gathering: see AccountTuning.batchWindowMs. */
  quietWindowMs(): number {
    const { batchWindowMs, batchWindowMaxMs } = this.tuning;
    // The average adapts slowly, from 0 in a new process; the longest gap of this gathering at
    // once: a large destroy hands over its first deletes tens of ms apart (the engine writes the
    // whole checkpoint as each begins), near the least window.
    const pace = Math.max(this.typicalGapMs, this.gathering?.longestGapMs ?? 0);
    return Math.max(batchWindowMs, Math.min(4 * pace, batchWindowMaxMs));
  }

  /**
   * The engine called this provider: a gathering waits a full window again. `paced` says the gap
   * since the previous call was the engine's own pace (not a dry run's round trip to Aculab), and
   * feeds the typical gap the window is made of.
   */
  private engineCalled(paced: boolean): void {
    const now = this.clock.now();
    if (paced && this.gathering) {
      const gap = Math.min(now - this.lastCall, this.tuning.batchWindowMaxMs);
      this.typicalGapMs += 0.25 * (gap - this.typicalGapMs);
      this.gathering.longestGapMs = Math.max(this.gathering.longestGapMs, gap);
    }
    this.lastCall = now;
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    const gathering = this.gathering;
    if (!gathering) return;
    gathering.cancelTimer?.();
    const wait = flushWait({
      outstanding: this.outstanding,
      peakBefore: gathering.peakBefore,
      openChecks: this.openChecks,
      purchasesAnnounced: this.announcedPurchases > 0,
      releasesGathered: this.releasesGathered(),
      shortReleaseWaveWasNotLast: this.shortReleaseWave === "not last",
      untilCapMs: Math.max(0, gathering.startedAt + this.tuning.batchMaxWaitMs - this.clock.now()),
      quietWindowMs: this.quietWindowMs(),
      batchWindowMaxMs: this.tuning.batchWindowMaxMs,
    });
    // Even at once, calls made in the same turn of the event loop still join.
    gathering.cancelTimer = this.clock.schedule(wait, () => this.flush());
  }

  private flush(): void {
    const gathering = this.gathering;
    gathering?.cancelTimer?.();
    this.gathering = undefined;
    const short = gathering !== undefined && this.outstanding < gathering.peakBefore;
    if (short && this.releasesGathered() && this.shortReleaseWave === "none") {
      this.shortReleaseWave = "sent";
    }
    this.flushGathered();
  }
}
