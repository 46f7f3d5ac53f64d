import { ListedNumbers } from "../client";
import { atPlace, OwnedNumber } from "./accountListings";
import { Clock } from "./clock";
import { Location } from "./location";
import { pollUntil } from "./poll";

/**
 * A tel_purchase call whose answer was lost, as the listings are checked against it: the numbers
 * at its place before it (and bought by this process), how many it asked for, and its window.
 */
export interface Attempt {
  excluded: string[];
  asked: number;
  /** ISO time the call was sent. */
  attemptedAt: string;
  /** ISO time by which all it bought is listed: when its answer was lost, plus listingWaitMs. */
  windowEnd: string;
  /** Once a listing asked at or after windowEnd was read: the numbers that appeared by then. */
  seen?: string[];
}

/** What the listings tell of an Attempt: see watchPurchase. */
export type Watched =
  | { kind: "bought"; numbers: OwnedNumber[] }
  | { kind: "none"; seen: string[] }
  | { kind: "unsure"; why: string; candidates: string[]; seen?: string[]; late?: boolean }
  | { kind: "unlisted"; error: unknown; seen?: string[] }
  /** The window could not be watched to its end (its clock stood still): what was listed by then. */
  | { kind: "open"; candidates: OwnedNumber[] };

/** What a watch reads the account through. */
export interface WatchSources {
  /** A whole listing asked for after every earlier one. */
  freshListing(): Promise<ListedNumbers>;
  wasBoughtHere(number: string): boolean;
  holderOf(number: string): string | undefined;
  /** The wall clock the watch's patience and polling run on. */
  clock: Clock;
  /** The clock the purchase's window is timed on (see NumberAccount's constructor). */
  windowClock: () => number;
  listingWaitMs: number;
  listingPollMs: number;
}

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * What the account's listings tell of a purchase whose answer was lost. Candidates are the
 * numbers listed at its place (by the place's identity, in unfiltered listings) that were not
 * there before it and that this process did not buy. All the purchase bought is listed by the
 * end of its window (aculab:listingWaitMs after the answer): only the candidates listed by then
 * (`seen`) can be its own, and of those only the ones no resource of this deployment holds.
 * Once a listing asked at or after the window's end was read: none of those left, nothing was
 * bought (a number listed later is a later purchase, and a held one is its holder's); exactly as
 * many listed by then as it asked for, each bought on a date the window allows (a day either
 * side, for Aculab's time zone), and they are what it bought. Anything else is "unsure", and
 * nothing is claimed or bought: more than asked for (another buyer bought there within the
 * window), fewer (the rest may be listed late), one bought outside the window. A listing that
 * keeps failing (listingWaitMs after the window, or after this watch began) is "unlisted".
 */
export function watchPurchase(
  sources: WatchSources,
  location: Location,
  attempt: Attempt,
): Promise<Watched> {
  return new PurchaseWatch(sources, location, attempt).run();
}

/** One watch's state, from one listing to the next. */
class PurchaseWatch {
  private readonly windowEnd: number;
  private readonly excluded: Set<string>;
  /** Candidates listed by the window's end. */
  private readonly inWindow: Set<string>;
  /** A listing asked at or after the window's end was read: inWindow is all it will be. */
  private complete: boolean;
  private readonly firstDay: string;
  private readonly lastDay: string;
  private candidates: OwnedNumber[] = [];
  private failure?: { error: unknown };
  private lastAsked?: number;

  constructor(
    private readonly sources: WatchSources,
    private readonly location: Location,
    private readonly attempt: Attempt,
  ) {
    this.windowEnd = Date.parse(attempt.windowEnd);
    this.excluded = new Set(attempt.excluded);
    this.inWindow = new Set<string>(attempt.seen ?? []);
    this.complete = attempt.seen !== undefined;
    this.firstDay = dayOf(Date.parse(attempt.attemptedAt) - DAY_MS);
    this.lastDay = dayOf(this.windowEnd + DAY_MS);
  }

  run(): Promise<Watched> {
    const { clock, windowClock, listingWaitMs, listingPollMs } = this.sources;
    const patience = Math.max(0, this.windowEnd - windowClock()) + listingWaitMs;
    return pollUntil(
      clock,
      { intervalMs: listingPollMs, deadline: clock.now() + patience },
      (pastPatience) => this.round(pastPatience),
    );
  }

  private seen(): string[] | undefined {
    return this.complete ? [...this.inWindow].sort() : undefined;
  }

  private free(n: OwnedNumber): boolean {
    return this.sources.holderOf(n.number) === undefined;
  }

  /** One listing, and what it tells; undefined to look again. */
  private async round(pastPatience: () => boolean): Promise<Watched | undefined> {
    // Only a wall clock past the window and the wait ends a watch whose listings still fail,
    // or one whose clock stands still (a test's), so that its window never ends.
    if (pastPatience()) {
      if (this.failure) return { kind: "unlisted", error: this.failure.error, seen: this.seen() };
      if (this.sources.windowClock() === this.lastAsked) {
        return { kind: "open", candidates: this.candidates };
      }
    }
    const askedAt = this.sources.windowClock();
    this.lastAsked = askedAt;
    let listed: ListedNumbers;
    try {
      listed = await this.sources.freshListing();
      this.failure = undefined;
    } catch (error) {
      this.failure = { error };
      return undefined;
    }
    this.candidates = atPlace(listed, this.location).filter(
      (n) => !this.excluded.has(n.number) && !this.sources.wasBoughtHere(n.number),
    );
    if (!this.complete) {
      for (const n of this.candidates) this.inWindow.add(n.number);
      this.complete = askedAt >= this.windowEnd;
    }
    return this.verdict();
  }

  private unsure(why: string, late = false): Watched {
    // Numbers another resource holds are never candidates: they are named as held, if at all.
    const candidates = this.candidates.filter((n) => this.free(n)).map((n) => n.number);
    return { kind: "unsure", why, candidates, seen: this.seen(), ...(late ? { late } : {}) };
  }

  private verdict(): Watched | undefined {
    const { asked } = this.attempt;
    const { firstDay, lastDay } = this;
    // A number another resource holds is never this purchase's to claim: it cannot decide alone.
    const open = this.candidates.filter((n) => this.inWindow.has(n.number) && this.free(n));
    const outside = this.candidates
      .filter((n) => this.free(n))
      .filter(
        (n) => n.purchased !== undefined && (n.purchased < firstDay || n.purchased > lastDay),
      );
    if (outside.length > 0) {
      return this.unsure(
        outside.map((n) => `${n.number} was bought on ${n.purchased}`).join(", ") +
          `, outside the purchase's window (${firstDay} to ${lastDay})`,
      );
    }
    if (open.length > asked) {
      return this.unsure(
        `${open.length} numbers appeared there where ${asked} were asked for: ` +
          `someone else (another stack or program on this account) bought there too`,
      );
    }
    // Not before the window ends, even with as many as were asked for: another buyer's may be
    // listed before this purchase's own, which would then show up later, one too many.
    return this.complete ? this.verdictOnceComplete(open.length) : undefined;
  }

  /** The window has been read to its end: `open` of its numbers are held by no resource. */
  private verdictOnceComplete(open: number): Watched {
    const { asked, windowEnd } = this.attempt;
    // A number listed after the window and held by no resource may still be this purchase's,
    // listed later than aculab:listingWaitMs: it is never claimed, and never taken for proof
    // that nothing was bought either.
    const late = this.candidates.filter((n) => !this.inWindow.has(n.number) && this.free(n));
    if (late.length > 0) {
      return this.unsure(
        `${late.map((n) => n.number).join(", ")} appeared there only after ${windowEnd}, when all ` +
          `the purchase bought was listed (aculab:listingWaitMs after its answer was lost), and no ` +
          `resource of this deployment holds it: someone else bought it, or Aculab listed it later ` +
          `than aculab:listingWaitMs`,
        true,
      );
    }
    // Nothing listed in the window that no other resource holds: nothing was bought. The
    // numbers other resources hold are theirs, wherever they were listed, and deciding on them
    // would leave a purchase that bought nothing unconfirmed for ever once this stack buys at
    // the place again.
    if (open === 0) return { kind: "none", seen: this.seen()! };
    const within = this.candidates.filter((n) => this.inWindow.has(n.number));
    const heldNote = within
      .filter((n) => !this.free(n))
      .map((n) => `; ${n.number} is held by ${this.sources.holderOf(n.number)} in this deployment`)
      .join("");
    if (within.length > asked) {
      return this.unsure(
        `${within.length} numbers appeared there where ${asked} were asked for${heldNote}: ` +
          `someone else (another stack or program on this account) bought there too`,
      );
    }
    if (within.length === asked) return { kind: "bought", numbers: within };
    // Never "Aculab sold fewer": the rest may be listed late, or these be another's.
    return this.unsure(
      `only ${within.length} of the ${asked} numbers asked for appeared there by ` +
        `${windowEnd} (aculab:listingWaitMs after its answer was lost)${heldNote}`,
    );
  }
}
