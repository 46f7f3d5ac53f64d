import { AculabClient, AculabError, ListedNumber, ListedNumbers, LocationFilter } from "../client";
import { Logger, silentLogger } from "../client/logger";
import { CommandListing, CommandListings } from "./commandListings";
import {
  PurchaseShortfallError,
  UnconfirmedPurchase,
  UnconfirmedPurchaseError,
  UnmanagedNumbersError,
} from "./errors";
import {
  describeLocation,
  Location,
  locationFilter,
  locationKey,
  purchaseParams,
  PurchaseSettings,
  sameLocation,
  settingsKey,
} from "./location";
import {
  answerIrregularities,
  PurchaseAnswer,
  readPurchaseAnswer,
  unmanagedNote,
} from "./purchaseAnswer";

/** A number the account holds, as the resources record it. */
export type OwnedNumber = ListedNumber;

export interface PurchaseRequest {
  location: Location;
  settings: PurchaseSettings;
  quantity: number;
  allowPartial: boolean;
}

/** Why a number was not released: Aculab's code and text, or what the provider saw. */
export interface KeptReason {
  code?: string;
  description: string;
}

export interface ReleaseOutcome {
  /** Gone from the account: released now, or already not the account's (Aculab code 0300). */
  released: string[];
  /** Numbers still owned (or not proved gone), with the reason. */
  kept: Record<string, KeptReason>;
  /** Set when the tel_delete_numbers call itself failed: what went wrong. */
  failure?: string;
  /** The error of that failed call, with Aculab's code when it answered. */
  cause?: unknown;
}

/** What the account holds of some numbers, looked up by number in its whole listing. */
export interface AccountLookup {
  /** Listed by the account, with where Aculab says they are, their price and date. */
  listed: Record<string, OwnedNumber>;
  /** Bought by this provider process and not listed yet: still owned. */
  unlisted: string[];
  /**
   * Absent from two unfiltered listings in a row, the second asked for after the lookup began and
   * after the first answered: not the account's (see NumberAccount.lookUp).
   */
  gone: string[];
}

/** Two resources of one deployment claimed the same number. */
export class NumberClaimedError extends Error {
  constructor(
    message: string,
    readonly number: string,
    readonly holder: string,
  ) {
    super(message);
    this.name = "NumberClaimedError";
  }
}

/** How a resource came to hold a number: see NumberAccount.claim. */
export type ClaimKind = "adopt" | "bought" | "refreshed";

export interface AccountTuning {
  /** How long a listing answers reads of the same filter: about one engine operation. */
  listingCacheMs: number;
  /**
   * The least time purchases and releases wait, after the engine last called this provider, for
   * others to join their batch (see NumberAccount.gather). Under the real engine the creates or
   * deletes of one wave reach the host one gRPC call at a time, a few milliseconds apart on an idle
   * machine and some tens on a loaded one: the wait grows to 4 × the typical gap seen (or the longest in the gathering), up to
   * batchWindowMaxMs.
   */
  batchWindowMs: number;
  /**
   * The most that wait grows to, and the wait of a wave whose width is known (one that began with
   * fewer operations outstanding than the engine ran at once before): the engine is still handing
   * over its stragglers, and a machine that stalls it for a few hundred milliseconds must not split
   * the wave into several calls.
   */
  batchWindowMaxMs: number;
  /** The most a purchase or release waits for its batch to fill, however busy the engine is. */
  batchMaxWaitMs: number;
  /** Most numbers in one tel_delete_numbers call. */
  releaseBatchSize: number;
  /**
   * How long a number Aculab sold may take to appear in tel_list_numbers (the reference: "the
   * purchase may take several seconds"); aculab:listingWaitMs. After a lost purchase answer the
   * listing is watched this long past the answer: that window bounds what the purchase can have
   * bought (see NumberAccount.watch).
   */
  listingWaitMs: number;
  listingPollMs: number;
}

export const defaultTuning: AccountTuning = {
  listingCacheMs: 3_000,
  batchWindowMs: 75,
  batchWindowMaxMs: 1_000,
  batchMaxWaitMs: 10_000,
  releaseBatchSize: 100,
  listingWaitMs: 15_000,
  listingPollMs: 500,
};

interface PendingPurchase extends PurchaseRequest {
  /** Not a purchase: settle an earlier purchase whose outcome was not told (see confirmPurchase). */
  confirm?: UnconfirmedPurchase;
  resolve(numbers: OwnedNumber[]): void;
  reject(error: unknown): void;
}

interface PendingRelease {
  number: string;
  resolve(outcome: ReleaseOutcome): void;
  reject(error: unknown): void;
}

/** One unfiltered tel_list_numbers call, shared; `seq` orders the calls by when they were asked for. */
interface AccountListing {
  seq: number;
  /** When it was asked for (the wall clock). */
  at: number;
  answer: Promise<ListedNumbers>;
  /** The sequence number of the latest listing asked for when this one answered. */
  answeredAt?: number;
}

/** Thrown by reconcile when it cannot settle a purchase; purchaseBatch gives each request its share. */
class BatchUnconfirmed extends Error {
  constructor(
    message: string,
    readonly attempt: Attempt,
  ) {
    super(message);
  }
}

/**
 * A tel_purchase call whose answer was lost, as the listings are checked against it: the numbers
 * at its place before it (and bought by this process), how many it asked for, and its window.
 */
interface Attempt {
  excluded: string[];
  asked: number;
  /** ISO time the call was sent. */
  attemptedAt: string;
  /** ISO time by which all it bought is listed: when its answer was lost, plus listingWaitMs. */
  windowEnd: string;
  /** Once a listing asked at or after windowEnd was read: the numbers that appeared by then. */
  seen?: string[];
}

/** What the listings tell of an Attempt: see NumberAccount.watch. */
type Watched =
  | { kind: "bought"; numbers: OwnedNumber[] }
  | { kind: "none"; seen: string[] }
  | { kind: "unsure"; why: string; candidates: string[]; seen?: string[]; late?: boolean }
  | { kind: "unlisted"; error: unknown; seen?: string[] }
  /** The window could not be watched to its end (its clock stood still): what was listed by then. */
  | { kind: "open"; candidates: OwnedNumber[] };

/** The numbers a whole-account listing places at `location`, by the place's identity, not its spelling. */
const atPlace = (listed: ListedNumbers, location: Location): OwnedNumber[] =>
  Object.values(listed)
    .filter((n) => sameLocation(n, location))
    .sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));

const DAY_MS = 86_400_000;
const duration = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

const today = () => new Date().toISOString().slice(0, 10);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Everything that touches the numbers of one Aculab account from this process. It coalesces the
 * engine's concurrent operations: reads of one location share a listing, purchases at one
 * location are serialized (so a purchase whose outcome is unknown can be reconciled without
 * ambiguity) and coalesced into one tel_purchase call, and releases are batched.
 */
export class NumberAccount {
  private readonly listings = new Map<string, { at: number; answer: Promise<ListedNumbers> }>();
  /** The latest completed listing per filter: a purchase's snapshot need not wait for one in flight. */
  private readonly settledListings = new Map<string, { at: number; listed: ListedNumbers }>();
  /** Purchases gathered for the next flush, in arrival order. */
  private gatheredPurchases: PendingPurchase[] = [];
  /** Purchases flushed and waiting for their location's earlier purchase to finish. */
  private readonly purchaseQueues = new Map<string, PendingPurchase[]>();
  private readonly purchasing = new Set<string>();
  /** purchase() and release() calls not settled yet: the engine operations waiting on Aculab. */
  private outstanding = 0;
  /** The most such calls ever outstanding at once: at most the engine's --parallel. */
  private peakOutstanding = 0;
  /** Checks running a dry run: the engine is generating steps, so more operations may follow. */
  private openChecks = 0;
  private gathering?: {
    startedAt: number;
    /** The most operations outstanding before it began, if it began below that: else 0. */
    peakBefore: number;
    /** The longest gap between the engine's calls seen in it, ms. */
    longestGapMs: number;
    timer?: NodeJS.Timeout;
  };
  /**
   * Purchases the engine has announced and not yet asked for: a check of a new resource that buys
   * is followed by its create. Once none is left, the last wave of an \`up\` need not wait for
   * stragglers (see scheduleFlush).
   */
  private announcedPurchases = 0;
  /** When the engine last called: an operation arrived, a check began or ended. */
  private lastCall = 0;
  /** Moving average of the engine's gaps between calls while a gathering is open, ms. */
  private typicalGapMs = 0;
  /** Every number this process bought: never mistaken for the outcome of a later purchase. */
  private readonly boughtHere = new Set<string>();
  /**
   * The account's whole listing (tel_list_numbers without a filter), shared by every lookup in
   * this process: one call serves a whole refresh, whatever the locations. `seq` orders listings
   * by when they were asked for, so a lookup can tell whether a listing began after it did.
   */
  private wholeListing?: AccountListing;
  private listingSeq = 0;
  /** Which resource of this deployment holds each number it bought, adopted or refreshed. */
  private readonly claims = new Map<string, { holder: string; adopted: boolean }>();
  /** Numbers the state of other resources records, as the engine's diffs showed: see recordedBy. */
  private readonly recorded = new Map<string, string>();
  private lastRecorded = 0;
  /**
   * Locations where a purchase of this process ended unconfirmed (maybe bought, numbers not
   * known): no other purchase is made there by this process, so the numbers that appear there
   * later are exactly that purchase's, and a later run can tell them without guessing.
   */
  private readonly unsettled = new Map<string, string>();
  private pendingReleases: PendingRelease[] = [];
  /** The command's shared listings, read once by this process's first refresh lookup. */
  private sharedListings?: CommandListing[];
  /** Listings (by sequence number) a later listing contradicted, already said so once. */
  private readonly contradicted = new Set<number>();

  /**
   * `clock` times a lost purchase's window (its attempt, its answer, the listings after it): the
   * wall clock, or in tests the simulator's, so that no outcome depends on the machine's speed.
   */
  constructor(
    readonly client: AculabClient,
    readonly development: boolean,
    private readonly tuning: AccountTuning = defaultTuning,
    private readonly clock: () => number = Date.now,
    /** Where the account warns of what it chose not to believe: the engine, through the entry point's logger. */
    private readonly logger: Logger = silentLogger,
    /** The listings other provider processes of this `pulumi` command saw: see lookUp's `refresh`. */
    private readonly commandListings?: CommandListings,
  ) {}

  /** tel_list_numbers, shared by concurrent and closely following reads of the same filter. */
  listNumbers(filter: LocationFilter = {}, fresh = false): Promise<ListedNumbers> {
    // The whole account's listing is the one refresh and adoption share (see lookUp).
    if (Object.values(filter).every((value) => value === undefined)) {
      return this.accountListing(fresh ? this.listingSeq : 0).answer;
    }
    const key = JSON.stringify(filter);
    const cached = this.listings.get(key);
    if (!fresh && cached && Date.now() - cached.at < this.tuning.listingCacheMs) {
      return cached.answer;
    }
    const answer = this.client.listNumbers(filter);
    const entry = { at: Date.now(), answer };
    this.listings.set(key, entry);
    answer.then(
      (listed) => {
        entry.at = Date.now();
        this.settledListings.set(key, { at: entry.at, listed });
      },
      () => this.listings.get(key) === entry && this.listings.delete(key),
    );
    return answer;
  }

  /**
   * The account's unfiltered listing: the one in flight or the latest, unless it was asked for
   * before `after` (a listing sequence number), when a new one is asked for and shared.
   */
  private accountListing(after = 0): AccountListing {
    const current = this.wholeListing;
    if (current && current.seq > after) return current;
    const entry: AccountListing = {
      seq: ++this.listingSeq,
      at: Date.now(),
      answer: this.client.listNumbers({}),
    };
    this.wholeListing = entry;
    entry.answer.then(
      (listed) => {
        entry.answeredAt = this.listingSeq;
        this.commandListings?.record({ askedAt: entry.at, answeredAt: Date.now(), listed });
      },
      () => {
        if (this.wholeListing === entry) this.wholeListing = undefined;
      },
    );
    return entry;
  }

  /**
   * Looks numbers up by number in the account's whole listing, never in a listing filtered by
   * location (which a listing that spells the location its own way would defeat); a listing shared
   * from earlier serves every number it holds.
   *
   * A number is gone only when Aculab says so twice in a row: the listing the lookup reads lacks it,
   * and so does the next, asked for after that one answered and after this lookup began (and this
   * process did not just buy it). `{}` is the reference's answer for an account without numbers,
   * so one answer listing nothing (or less than it should) is never taken as proof: an outage
   * answering `{}` once would otherwise drop every number from state at a refresh, and the next
   * `up` would buy them all again. Lookups that find numbers lacking from the same listing share
   * the second one. An answer that is not the reference's object of numbers is an error naming
   * tel_list_numbers (the client's), and a lookup that cannot list fails, so nothing is dropped
   * then either. When the second listing shows numbers the first lacked, the account says so once
   * (a warning), naming tel_list_numbers.
   */
  async lookUp(
    numbers: readonly string[],
    { refresh = false }: { refresh?: boolean } = {},
  ): Promise<AccountLookup> {
    const shared = refresh ? this.fromCommand(numbers) : undefined;
    if (shared) return shared;
    const began = this.listingSeq;
    const first = this.accountListing();
    const listed = await first.answer;
    const unseen = numbers.filter((n) => !(n in listed));
    const suspect = unseen.filter((n) => !this.boughtHere.has(n));
    // A listing asked for before this lookup began (a purchase's snapshot, say) may predate what
    // this process bought since: what it lacks is looked for again, and is no contradiction.
    const stale = first.seq <= began && unseen.length > 0;
    let confirmed = listed;
    if (suspect.length > 0 || stale) {
      // answeredAt: the listings asked for before the first answered are not "after" it.
      const second = this.accountListing(Math.max(began, first.answeredAt ?? this.listingSeq));
      confirmed = await second.answer;
      if (!stale && suspect.some((n) => n in confirmed)) {
        this.contradiction(first.seq, listed, confirmed);
      }
    }
    const found: Record<string, OwnedNumber> = {};
    const unlisted: string[] = [];
    const gone: string[] = [];
    for (const n of numbers) {
      if (n in confirmed) found[n] = confirmed[n];
      else if (n in listed) found[n] = listed[n];
      else if (this.boughtHere.has(n)) unlisted.push(n);
      else gone.push(n);
    }
    return { listed: found, unlisted, gone };
  }

  /**
   * A refresh's lookup answered from the listings another process of this `pulumi` command read
   * (the preview of a `pulumi refresh` without --skip-preview): a number listed in the latest is
   * found, and one the latest and the listing before it both lack is gone only when the latest was
   * asked for after the one before answered, the same two listings in a row lookUp itself needs.
   * Anything else (no shared listing, a number only the earlier one lists, two listings that ran at
   * once) is undefined: this process lists for itself. Only refresh reads use it: a purchase's
   * snapshot and a release's check never take another process's listing.
   */
  private fromCommand(numbers: readonly string[]): AccountLookup | undefined {
    // A process that has listed for itself reads its own listings, as it always did.
    if (!this.commandListings || this.wholeListing) return undefined;
    this.sharedListings ??= this.commandListings.load();
    const [previous, latest] =
      this.sharedListings.length > 1 ? this.sharedListings : [undefined, this.sharedListings[0]];
    if (!latest) return undefined;
    const inARow = previous !== undefined && latest.askedAt >= previous.answeredAt;
    const found: AccountLookup = { listed: {}, unlisted: [], gone: [] };
    for (const n of numbers) {
      if (n in latest.listed) found.listed[n] = latest.listed[n];
      else if (previous === undefined || !inARow || n in previous.listed) return undefined;
      else if (this.boughtHere.has(n)) found.unlisted.push(n);
      else found.gone.push(n);
    }
    return found;
  }

  /** Says once per listing that the listing after it showed numbers it lacked. */
  private contradiction(seq: number, listed: ListedNumbers, next: ListedNumbers): void {
    if (this.contradicted.has(seq)) return;
    this.contradicted.add(seq);
    const count = Object.keys(listed).length;
    const back = Object.keys(next)
      .filter((n) => !(n in listed))
      .sort();
    const answer = count === 0 ? "an empty listing ({})" : `a listing of ${count} numbers`;
    const shown = back.length > 5 ? `${back.slice(0, 5).join(", ")}, ...` : back.join(", ");
    this.logger.warn(
      `aculab: tel_list_numbers answered ${answer}, and the listing asked for right after it lists ` +
        `${back.length} numbers that one lacked (${shown}): the numbers state holds among them stay ` +
        `there. A number leaves state only when two listings in a row lack it; nothing leaves state ` +
        `on one listing.`,
    );
  }

  /**
   * Records that `holder` (a resource of this deployment) holds these numbers. `adopt` (a create
   * naming `number`) fails naming both when another resource already holds one, and records that
   * the holder adopted it in this process (see adoptedHere); `bought` (a purchase, a block's
   * growth) and `refreshed` (a read) record only a number no resource holds yet.
   */
  claim(numbers: readonly string[], holder: string, how: ClaimKind = "adopt"): void {
    if (how === "adopt") {
      for (const n of numbers) {
        const other = this.claims.get(n)?.holder;
        if (other !== undefined && other !== holder) {
          throw new NumberClaimedError(
            `number ${n} is already held by ${other} in this deployment, so ${holder} cannot adopt it too: ` +
              `one number belongs to one resource (remove \`number\` from one of them, or delete ${other} first)`,
            n,
            other,
          );
        }
      }
    }
    for (const n of numbers) {
      if (how === "adopt") this.claims.set(n, { holder, adopted: true });
      else if (!this.claims.has(n)) this.claims.set(n, { holder, adopted: false });
    }
  }

  /** Withdraws a claim that did not come true (an adoption that failed). */
  unclaim(numbers: readonly string[], holder: string): void {
    for (const n of numbers) if (this.claims.get(n)?.holder === holder) this.claims.delete(n);
  }

  /** Which resource of this deployment holds the number, if any, as far as this process knows. */
  holderOf(number: string): string | undefined {
    return this.claims.get(number)?.holder ?? this.recorded.get(number);
  }

  /**
   * The engine showed this process a resource's state (a diff): `holder` records these numbers.
   * Known only to settlements, which must never take another resource's number for a lost
   * purchase's; unlike a claim it never stops an adoption, since a diff comes for resources the
   * same deployment may be replacing or giving up.
   */
  recordedBy(numbers: readonly string[], holder: string): void {
    this.lastRecorded = Date.now();
    for (const n of numbers) if (!this.recorded.has(n)) this.recorded.set(n, holder);
  }

  /**
   * Resolves once the engine has shown this process no resource's state for batchWindowMaxMs and
   * runs no check (or after batchMaxWaitMs): the engine diffs the program's resources one after
   * another while the first updates already run, so a settlement waits for the rest before it
   * decides on numbers whose holder it does not know yet. Waiting decides nothing by itself:
   * a number with no known holder is never claimed.
   */
  private async engineShownAll(): Promise<void> {
    const cap = Date.now() + this.tuning.batchMaxWaitMs;
    const busy = () =>
      this.openChecks > 0 ||
      Date.now() - Math.max(this.lastCall, this.lastRecorded) < this.tuning.batchWindowMaxMs;
    while (Date.now() < cap && busy()) await sleep(Math.min(50, this.tuning.batchWindowMaxMs));
  }

  /**
   * The resource that adopted the number in this process, and so holds it once this deployment is
   * done. The engine deletes only resources it had in state before the deployment (removed or
   * replaced ones), never one it created in it: a resource being deleted that records this number
   * is an older one, such as the old name of a renamed adopter or an adopter replaced by one that
   * adopts the same number, and releasing the number would take it from its new holder. (A number
   * bought in this process is new to the account: no older resource records it.)
   */
  adoptedHere(number: string): string | undefined {
    const claim = this.claims.get(number);
    return claim?.adopted ? claim.holder : undefined;
  }

  /**
   * What the account held just before a purchase: its whole listing, never one filtered by our
   * spelling of the place (a listing that spells it otherwise would show the place empty, and its
   * numbers would later pass for the purchase's). One asked for in the last listingCacheMs will
   * do: numbers this process bought since are in boughtHere, and reconciliation ignores them.
   */
  private snapshot(): Promise<ListedNumbers> {
    const current = this.wholeListing;
    if (current && Date.now() - current.at < this.tuning.listingCacheMs) return current.answer;
    return this.accountListing(this.listingSeq).answer;
  }

  /** A check passed for a new resource that buys: its create, and so a purchase, will follow. */
  announcePurchase(): void {
    this.announcedPurchases++;
  }

  /** Buys numbers; resolves with exactly `quantity` numbers, or fewer only if allowPartial. */
  purchase(request: PurchaseRequest): Promise<OwnedNumber[]> {
    this.announcedPurchases = Math.max(0, this.announcedPurchases - 1);
    // The listing the purchase needs beforehand (see snapshot) runs while the batch gathers.
    if (!this.development) this.snapshot().catch(() => undefined);
    const bought = new Promise<OwnedNumber[]>((resolve, reject) => {
      this.gatheredPurchases.push({ ...request, resolve, reject });
    });
    return this.gather(bought);
  }

  /**
   * The engine hands this process at most --parallel operations at once, one gRPC call at a time,
   * and starts the next only when one finishes. Purchases and releases are therefore gathered
   * while the engine is still sending, and flushed together (one tel_purchase per location, one
   * tel_delete_numbers per 100 numbers) when:
   * - as many operations wait on Aculab as ever did before this gathering began: every slot the
   *   engine has given this process is held here, so nothing more can come (the waves after the
   *   first flush as soon as they are complete);
   * - or the engine has called nothing for the quiet window and no check is running its dry run:
   *   for the first wave, batchWindowMs, or 4 × the engine's typical gap, up to batchWindowMaxMs;
   *   for a later wave not yet complete (the last one, or one the engine is slow to hand over),
   *   batchWindowMaxMs, unless it holds only purchases and every purchase the checks announced
   *   has arrived (the last wave of an \`up\`), which waits the first wave's window;
   * - or batchMaxWaitMs after the gathering began, whatever else happens.
   */
  private gather<T>(operation: Promise<T>): Promise<T> {
    this.engineCalled(true);
    this.outstanding++;
    // Arriving beyond the peak means the peak is stale (a first wave flushed early): the gathering
    // then waits for the engine to pause instead.
    this.gathering ??= {
      startedAt: Date.now(),
      peakBefore: this.outstanding <= this.peakOutstanding ? this.peakOutstanding : 0,
      longestGapMs: 0,
    };
    this.peakOutstanding = Math.max(this.peakOutstanding, this.outstanding);
    const settled = () => this.outstanding--;
    operation.then(settled, settled);
    this.scheduleFlush();
    return operation;
  }

  /**
   * The engine called this provider: a gathering waits a full window again. `paced` says the gap
   * since the previous call was the engine's own pace (not a dry run's round trip to Aculab), and
   * feeds the typical gap the window is made of.
   */
  private engineCalled(paced: boolean): void {
    const now = Date.now();
    if (paced && this.gathering) {
      const gap = Math.min(now - this.lastCall, this.tuning.batchWindowMaxMs);
      this.typicalGapMs += 0.25 * (gap - this.typicalGapMs);
      this.gathering.longestGapMs = Math.max(this.gathering.longestGapMs, gap);
    }
    this.lastCall = now;
    this.scheduleFlush();
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

  private scheduleFlush(): void {
    const gathering = this.gathering;
    if (!gathering) return;
    clearTimeout(gathering.timer);
    const untilCap = Math.max(0, gathering.startedAt + this.tuning.batchMaxWaitMs - Date.now());
    let wait: number;
    const knownWave = gathering.peakBefore > 0;
    // Deletes are never announced: a release may always have stragglers.
    const stragglersPossible = this.pendingReleases.length > 0 || this.announcedPurchases > 0;
    if (knownWave && this.outstanding >= gathering.peakBefore) wait = 0;
    else if (this.openChecks > 0) wait = untilCap;
    else if (knownWave && stragglersPossible)
      wait = Math.min(this.tuning.batchWindowMaxMs, untilCap);
    else wait = Math.min(this.quietWindowMs(), untilCap);
    // Even at once, calls made in the same turn of the event loop still join.
    gathering.timer = setTimeout(() => this.flush(), wait);
  }

  /** How long without a call from the engine ends a gathering: see AccountTuning.batchWindowMs. */
  quietWindowMs(): number {
    const { batchWindowMs, batchWindowMaxMs } = this.tuning;
    // The average adapts slowly, from 0 in a new process; the longest gap of this gathering at
    // once: a destroy of 500 numbers hands over its first deletes 40-70 ms apart (it writes the
    // whole checkpoint as each begins), near the least window.
    const pace = Math.max(this.typicalGapMs, this.gathering?.longestGapMs ?? 0);
    return Math.max(batchWindowMs, Math.min(4 * pace, batchWindowMaxMs));
  }

  private flush(): void {
    if (this.gathering) clearTimeout(this.gathering.timer);
    this.gathering = undefined;
    this.flushReleases();
    const gathered = this.gatheredPurchases;
    this.gatheredPurchases = [];
    for (const request of gathered) this.enqueuePurchase(request);
  }

  /** Queues a purchase behind those at its location, which are serialized (see reconcile). */
  private enqueuePurchase(request: PendingPurchase): void {
    const key = locationKey(request.location);
    const queue = this.purchaseQueues.get(key) ?? [];
    queue.push(request);
    this.purchaseQueues.set(key, queue);
    if (!this.purchasing.has(key)) {
      this.purchasing.add(key);
      // After this turn: the rest of a flush joins the queue before its first batch is taken.
      queueMicrotask(() => void this.drainPurchases(key));
    }
  }

  /**
   * Settles a purchase recorded as unconfirmed (UnconfirmedPurchaseError) by an earlier
   * operation, maybe of an earlier run: serialized with the purchases at its location, it watches
   * the account's listing (see watch) and takes this resource's share of what the purchase
   * provably bought. Resolves with [] only when a listing asked for after the purchase's window
   * shows nothing new at its place (the purchase did not happen). Rejects with an
   * UnconfirmedPurchaseError (to record again) when that cannot be told, naming the candidates.
   */
  confirmPurchase(location: Location, confirm: UnconfirmedPurchase): Promise<OwnedNumber[]> {
    // A settlement shares no call, so it is not gathered.
    return new Promise((resolve, reject) =>
      this.enqueuePurchase({
        location,
        settings: {},
        quantity: confirm.quantity,
        allowPartial: false,
        confirm,
        resolve,
        reject,
      }),
    );
  }

  private async settle(location: Location, confirm: UnconfirmedPurchase): Promise<OwnedNumber[]> {
    // Records made before the window was kept: it ends listingWaitMs after the attempt.
    const windowEnd =
      confirm.windowEnd ??
      new Date(Date.parse(confirm.attemptedAt) + this.tuning.listingWaitMs).toISOString();
    const attempt: Attempt = { ...confirm, windowEnd };
    let watched = await this.watch(location, attempt);
    if (watched.kind === "unsure" && watched.late) {
      await this.engineShownAll();
      watched = await this.watch(location, attempt);
    }
    if (watched.kind === "bought") {
      const share = watched.numbers.slice(confirm.offset, confirm.offset + confirm.quantity);
      // The rest of the purchase may be held by the resources that shared it; this share is not.
      watched = this.unheld(share, watched.numbers) ?? { kind: "bought", numbers: share };
      if (watched.kind === "bought") return watched.numbers;
    }
    if (watched.kind === "none") return [];
    const place = describeLocation(location);
    const seen = "seen" in watched ? watched.seen : undefined;
    const again: UnconfirmedPurchase = {
      ...confirm,
      windowEnd,
      ...(seen === undefined ? {} : { seen }),
      excluded: [...new Set([...confirm.excluded, ...this.boughtHere])].sort(),
    };
    if (watched.kind === "unsure") {
      throw new UnconfirmedPurchaseError(
        `The earlier purchase at ${place} of ${confirm.attemptedAt} is still unconfirmed. ${unsureText(place, attempt, watched)}`,
        again,
      );
    }
    if (watched.kind === "open") {
      throw new UnconfirmedPurchaseError(
        `Whether the earlier purchase at ${place} bought numbers for this resource is still not known: ` +
          `its window (until ${windowEnd}) could not be watched to its end. Nothing was bought. Run \`pulumi up\` again.`,
        again,
      );
    }
    throw new UnconfirmedPurchaseError(
      `Whether the earlier purchase at ${place} bought numbers for this resource is still not known: ` +
        `the account's numbers could not be listed (${messageOf(watched.error)}). Nothing was bought. Run ` +
        `\`pulumi up\` again; if this persists, adopt what it bought with InboundNumber's \`number\` input ` +
        `(aculab.listNumbers shows the account's numbers there).`,
      again,
    );
  }

  /** Releases numbers, batching those asked for together into one tel_delete_numbers call. */
  release(numbers: string[]): Promise<ReleaseOutcome> {
    // Development numbers never get here: the lifecycle releases only numbers bought for real.
    if (numbers.length === 0) return Promise.resolve({ released: [], kept: {} });
    const outcomes = numbers.map(
      (number) =>
        new Promise<ReleaseOutcome>((resolve, reject) => {
          this.pendingReleases.push({ number, resolve, reject });
        }),
    );
    // A full tel_delete_numbers call need wait for nothing.
    if (this.pendingReleases.length >= this.tuning.releaseBatchSize) this.flushReleases(true);
    const outcome = Promise.all(outcomes).then((parts) => {
      const failed = parts.find((p) => p.failure !== undefined);
      return {
        released: parts.flatMap((p) => p.released),
        kept: Object.assign({}, ...parts.map((p) => p.kept)),
        ...(failed === undefined ? {} : { failure: failed.failure, cause: failed.cause }),
      };
    });
    return this.gather(outcome);
  }

  /** Releases change what the account owns: later reads must ask again. */
  private forgetListings(): void {
    this.listings.clear();
    this.settledListings.clear();
    this.wholeListing = undefined;
  }

  /** Sends the gathered releases, or with `fullOnly` only as many full batches as they fill. */
  private flushReleases(fullOnly = false): void {
    while (this.pendingReleases.length >= (fullOnly ? this.tuning.releaseBatchSize : 1)) {
      const batch = this.pendingReleases.splice(0, this.tuning.releaseBatchSize);
      void this.releaseBatch(batch);
    }
  }

  /**
   * One tel_delete_numbers call. A number counts as released only when Aculab says so: status OK,
   * or a not-deleted entry with code 0300 (not the account's). Any other code keeps the number.
   * An answer that leaves a number unaccounted for (FAIL or PARTIAL without naming it) or a call
   * that may have been carried out (a 5xx, a timeout, an answer the reference does not describe)
   * is checked against fresh unfiltered listings: only numbers proved gone (two listings in a row
   * lack them, see lookUp) count as released.
   */
  private async releaseBatch(batch: PendingRelease[]): Promise<void> {
    const numbers = [...new Set(batch.map((r) => r.number))];
    const released = new Set<string>();
    const kept = new Map<string, KeptReason>();
    let failure: string | undefined;
    let cause: unknown;
    try {
      let unaccounted: string[] = [];
      let status = "";
      try {
        const answer = await this.client.deleteNumbers({ numbers });
        status = answer.status;
        for (const n of numbers) {
          const reason = answer.numbers?.[n];
          if (reason?.code === "0300") released.add(n);
          else if (reason !== undefined) kept.set(n, reason);
          else if (answer.status === "OK") released.add(n);
          else unaccounted.push(n);
        }
      } catch (error) {
        failure = error instanceof Error ? error.message : String(error);
        cause = error;
        if (error instanceof AculabError && error.provesNothingChanged) {
          for (const n of numbers) kept.set(n, { description: failure });
        } else {
          unaccounted = numbers;
        }
      }
      this.forgetListings();
      if (unaccounted.length > 0) {
        const why =
          failure === undefined
            ? `Aculab tel_delete_numbers answered ${status} without naming it among the numbers not deleted`
            : failure;
        try {
          const { gone } = await this.lookUp(unaccounted);
          for (const n of unaccounted) {
            if (gone.includes(n)) released.add(n);
            else kept.set(n, { description: `${why}, and the account still lists it` });
          }
        } catch (error) {
          const listing = error instanceof Error ? error.message : String(error);
          for (const n of unaccounted) {
            kept.set(n, {
              description: `${why}, and whether it is still owned could not be checked (${listing})`,
            });
          }
        }
      }
    } catch (error) {
      this.forgetListings();
      for (const request of batch) request.reject(error);
      return;
    }
    for (const n of released) {
      this.boughtHere.delete(n);
      this.claims.delete(n);
      this.recorded.delete(n);
    }
    for (const request of batch) {
      const reason = kept.get(request.number);
      request.resolve({
        released: reason === undefined ? [request.number] : [],
        kept: reason === undefined ? {} : { [request.number]: reason },
        ...(failure === undefined || reason === undefined ? {} : { failure, cause }),
      });
    }
  }

  private async drainPurchases(key: string): Promise<void> {
    const queue = this.purchaseQueues.get(key) ?? [];
    while (queue.length > 0) {
      const batch = takeBatch(queue);
      await this.purchaseBatch(batch);
    }
    this.purchaseQueues.delete(key);
    this.purchasing.delete(key);
  }

  private async purchaseBatch(batch: PendingPurchase[]): Promise<void> {
    const { location, settings } = batch[0];
    const key = locationKey(location);
    if (batch[0].confirm) {
      try {
        batch[0].resolve(await this.settle(location, batch[0].confirm));
      } catch (error) {
        if (error instanceof UnconfirmedPurchaseError) this.unsettled.set(key, error.message);
        batch[0].reject(error);
      }
      return;
    }
    const unsettled = this.unsettled.get(key);
    if (unsettled !== undefined && !this.development) {
      const error = new Error(
        `Nothing was bought: an earlier purchase at ${describeLocation(location)} in this run has an ` +
          `outcome not known yet, and buying there again now could make its numbers impossible to tell ` +
          `apart. Run \`pulumi up\` again.`,
      );
      for (const request of batch) request.reject(error);
      return;
    }
    const total = batch.reduce((sum, request) => sum + request.quantity, 0);
    // Blocks that need all their numbers share an all-or-nothing call; other resources share one
    // only if each may end up without its numbers (see takeBatch).
    const allOrNothing = batch.length > 1 && batch.every(needsAll);
    const allowPartial = !allOrNothing && (batch.length > 1 || batch[0].allowPartial);
    const params = purchaseParams(location, settings, total, allowPartial);
    try {
      if (this.development) {
        // Made up, never bought: read like a real answer, so that state records digits, but an
        // entry that cannot be read names nothing the account owns.
        const answer = readPurchaseAnswer(await this.client.purchaseNumbersDevelopment(params));
        shareOut(
          batch,
          answer.numbers
            .slice(0, total)
            .map((number) => ({ number, ...location, monthlyPrice: 0, purchased: today() })),
          location,
          { answer },
        );
        return;
      }
      const before = atPlace(await this.snapshot(), location).map((n) => n.number);
      let answer: PurchaseAnswer;
      const attemptedAt = new Date(this.clock()).toISOString();
      try {
        answer = readPurchaseAnswer(await this.client.purchaseNumbers(params));
      } catch (error) {
        if (error instanceof AculabError && error.provesNothingChanged) throw error;
        const attempt: Attempt = {
          excluded: [...new Set([...before, ...this.boughtHere])].sort(),
          asked: total,
          attemptedAt,
          windowEnd: new Date(this.clock() + this.tuning.listingWaitMs).toISOString(),
        };
        let reconciled: OwnedNumber[];
        try {
          reconciled = await this.reconcile(location, attempt, error);
        } catch (failure) {
          if (!(failure instanceof BatchUnconfirmed)) throw failure;
          this.unsettled.set(key, failure.message);
          const { seen, ...record } = failure.attempt;
          let offset = 0;
          for (const request of batch) {
            request.reject(
              new UnconfirmedPurchaseError(failure.message, {
                ...record,
                ...(seen === undefined ? {} : { seen }),
                offset,
                quantity: request.quantity,
              }),
            );
            offset += request.quantity;
          }
          return;
        }
        shareOut(batch, reconciled, location);
        return;
      }
      // Every number sold is this process's purchase, the surplus too: never taken for another's.
      for (const number of answer.numbers) this.boughtHere.add(number);
      // Numbers beyond those asked for are owned and paid for: never dropped silently, never
      // handed to a resource that did not ask for them, never released unasked. The last request
      // of the batch names them in its error (see shareOut).
      const numbers = answer.numbers.slice(0, total);
      const surplus = answer.numbers.slice(total);
      const unmanaged =
        unmanagedNote(location, { surplus, asked: total, unreadable: answer.unreadable }) ||
        undefined;
      // The price and date lookup need not hold up the next purchase at this location: numbers
      // this process bought are never taken for another purchase's (see reconcile).
      void this.detailsOf(location, numbers).then((details) =>
        shareOut(batch, details, location, { answer, unmanaged }),
      );
    } catch (error) {
      // Refused, so nothing was bought: maybe only because the blocks together asked for more
      // than Aculab could sell there. Each is asked for alone, as if it had come on its own.
      if (allOrNothing && error instanceof AculabError && error.provesNothingChanged) {
        for (const request of batch) await this.purchaseBatch([request]);
        return;
      }
      for (const request of batch) request.reject(error);
    }
  }

  /**
   * The purchase may or may not have happened: the listings tell (see watch). Its numbers may
   * appear one by one, and another buyer's too, so nothing is claimed before the window ends.
   * Anything short of a proof is thrown as BatchUnconfirmed, which each resource records.
   */
  private async reconcile(
    location: Location,
    attempt: Attempt,
    cause: unknown,
  ): Promise<OwnedNumber[]> {
    let watched = await this.watch(location, attempt);
    if (watched.kind === "bought") {
      watched = this.unheld(watched.numbers, watched.numbers) ?? watched;
    }
    if (watched.kind === "bought") {
      for (const n of watched.numbers) this.boughtHere.add(n.number);
      return watched.numbers;
    }
    const why = messageOf(cause);
    const place = describeLocation(location);
    const record = { ...attempt, seen: "seen" in watched ? watched.seen : undefined };
    if (watched.kind === "unsure") {
      throw new BatchUnconfirmed(
        `The purchase at ${place} may or may not have happened: ${why} ${unsureText(place, attempt, watched)}`,
        record,
      );
    }
    if (watched.kind === "open" && watched.candidates.length > 0) {
      throw new BatchUnconfirmed(
        `The purchase at ${place} may or may not have happened: ${why} ` +
          unsureText(place, attempt, {
            why: `only ${watched.candidates.length} of the ${attempt.asked} numbers asked for appeared there in time`,
            candidates: watched.candidates.map((n) => n.number),
          }),
        record,
      );
    }
    const listing =
      watched.kind === "unlisted"
        ? `the account's numbers could not be listed to check (${messageOf(watched.error)})`
        : `no new number appeared there within ${duration(this.tuning.listingWaitMs)}`;
    // Recorded by each resource as a partially created resource: the next operation on it lists
    // the account again, and buys only once a listing proves nothing was bought.
    throw new BatchUnconfirmed(
      `The purchase at ${place} may or may not have happened: ${why} ` +
        `Then ${listing}. Nothing was retried, so nothing was bought twice. The resource is kept in ` +
        `state with its purchase unconfirmed: the next \`pulumi up\` looks for its number at this ` +
        `location again and records it, buying only if a listing proves nothing was bought.`,
      record,
    );
  }

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
  private async watch(location: Location, attempt: Attempt): Promise<Watched> {
    const windowEnd = Date.parse(attempt.windowEnd);
    const excluded = new Set(attempt.excluded);
    const inWindow = new Set<string>(attempt.seen ?? []);
    let complete = attempt.seen !== undefined;
    const firstDay = dayOf(Date.parse(attempt.attemptedAt) - DAY_MS);
    const lastDay = dayOf(windowEnd + DAY_MS);
    const patience = Date.now() + Math.max(0, windowEnd - this.clock()) + this.tuning.listingWaitMs;
    const seen = () => (complete ? [...inWindow].sort() : undefined);
    let candidates: OwnedNumber[] = [];
    let failure: { error: unknown } | undefined;
    let lastAsked: number | undefined;
    for (let first = true; ; first = false) {
      if (!first) {
        await sleep(this.tuning.listingPollMs);
        // Only a wall clock past the window and the wait ends a watch whose listings still fail,
        // or one whose clock stands still (a test's), so that its window never ends.
        if (Date.now() >= patience) {
          if (failure) return { kind: "unlisted", error: failure.error, seen: seen() };
          if (this.clock() === lastAsked) return { kind: "open", candidates };
        }
      }
      const askedAt = this.clock();
      lastAsked = askedAt;
      let listed: ListedNumbers;
      try {
        listed = await this.accountListing(this.listingSeq).answer;
        failure = undefined;
      } catch (error) {
        failure = { error };
        continue;
      }
      candidates = atPlace(listed, location).filter(
        (n) => !excluded.has(n.number) && !this.boughtHere.has(n.number),
      );
      if (!complete) {
        for (const n of candidates) inWindow.add(n.number);
        complete = askedAt >= windowEnd;
      }
      // Numbers another resource holds are never candidates: they are named as held, if at all.
      const names = candidates
        .filter((n) => this.holderOf(n.number) === undefined)
        .map((n) => n.number);
      const unsure = (why: string, late = false): Watched => ({
        kind: "unsure",
        why,
        candidates: names,
        seen: seen(),
        ...(late ? { late } : {}),
      });
      const within = candidates.filter((n) => inWindow.has(n.number));
      // A number another resource holds is never this purchase's to claim: it cannot decide alone.
      const open = within.filter((n) => this.holderOf(n.number) === undefined);
      const outside = candidates
        .filter((n) => this.holderOf(n.number) === undefined)
        .filter(
          (n) => n.purchased !== undefined && (n.purchased < firstDay || n.purchased > lastDay),
        );
      if (outside.length > 0) {
        return unsure(
          outside.map((n) => `${n.number} was bought on ${n.purchased}`).join(", ") +
            `, outside the purchase's window (${firstDay} to ${lastDay})`,
        );
      }
      if (open.length > attempt.asked) {
        return unsure(
          `${open.length} numbers appeared there where ${attempt.asked} were asked for: ` +
            `someone else (another stack or program on this account) bought there too`,
        );
      }
      if (complete) {
        // A number listed after the window and held by no resource may still be this purchase's,
        // listed later than aculab:listingWaitMs: it is never claimed, and never taken for proof
        // that nothing was bought either.
        const late = candidates.filter(
          (n) => !inWindow.has(n.number) && this.holderOf(n.number) === undefined,
        );
        if (late.length > 0) {
          return unsure(
            `${late.map((n) => n.number).join(", ")} appeared there only after ${attempt.windowEnd}, when all ` +
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
        if (open.length === 0) return { kind: "none", seen: seen()! };
        const heldNote = within
          .filter((n) => this.holderOf(n.number) !== undefined)
          .map((n) => `; ${n.number} is held by ${this.holderOf(n.number)} in this deployment`)
          .join("");
        if (within.length > attempt.asked) {
          return unsure(
            `${within.length} numbers appeared there where ${attempt.asked} were asked for${heldNote}: ` +
              `someone else (another stack or program on this account) bought there too`,
          );
        }
        if (within.length === attempt.asked) return { kind: "bought", numbers: within };
        // Never "Aculab sold fewer": the rest may be listed later, or these be another's.
        return unsure(
          `only ${within.length} of the ${attempt.asked} numbers asked for appeared there by ` +
            `${attempt.windowEnd} (aculab:listingWaitMs after its answer was lost)${heldNote}`,
        );
      }
      // Not before the window ends, even with as many as were asked for: another buyer's may be
      // listed before this purchase's own, which would then show up later, one too many.
    }
  }

  /**
   * Unsure when another resource holds one of `numbers` (of `within`, all the purchase bought): a
   * number is never claimed from its holder.
   */
  private unheld(numbers: OwnedNumber[], within: OwnedNumber[]): Watched | undefined {
    const held = numbers.filter((n) => this.holderOf(n.number) !== undefined);
    if (held.length === 0) return undefined;
    return {
      kind: "unsure",
      why:
        held.map((n) => `${n.number} is held by ${this.holderOf(n.number)}`).join(", ") +
        ` in this deployment`,
      candidates: within.map((n) => n.number),
      seen: within.map((n) => n.number).sort(),
    };
  }

  /** Bought numbers with their price and date, which only tel_list_numbers tells. */
  private async detailsOf(location: Location, numbers: string[]): Promise<OwnedNumber[]> {
    const deadline = Date.now() + this.tuning.listingWaitMs;
    for (;;) {
      let listed: ListedNumbers | undefined;
      try {
        listed = await this.listNumbers(locationFilter(location), true);
      } catch {
        // Reads are retried inside the client; if they still fail, the numbers are recorded below.
      }
      if (listed && numbers.every((n) => n in listed)) return numbers.map((n) => listed[n]);
      if (Date.now() >= deadline) {
        return numbers.map(
          (n) => listed?.[n] ?? { number: n, ...location, monthlyPrice: 0, purchased: today() },
        );
      }
      await sleep(this.tuning.listingPollMs);
    }
  }
}

/** A block that must get all its numbers or none (allowPartial false). */
const needsAll = (request: PendingPurchase) => !request.allowPartial && request.quantity > 1;

/**
 * The first request, and every later one that can share its tel_purchase call: requests that may
 * end up without their numbers (single numbers, partial blocks) share one call with allow_partial,
 * and blocks that need all their numbers share an all-or-nothing call (retried one by one if
 * Aculab refuses it). A settlement of an unconfirmed purchase goes alone.
 */
function takeBatch(queue: PendingPurchase[]): PendingPurchase[] {
  const first = queue.shift()!;
  if (first.confirm) return [first];
  const key = settingsKey(first.settings);
  const batch = [first];
  for (let i = 0; i < queue.length;) {
    const candidate = queue[i];
    if (
      !candidate.confirm &&
      needsAll(candidate) === needsAll(first) &&
      settingsKey(candidate.settings) === key
    ) {
      batch.push(candidate);
      queue.splice(i, 1);
    } else {
      i++;
    }
  }
  return batch;
}

/**
 * Hands the numbers bought out to the requests of the batch, in order. `answer` is the tel_purchase
 * answer they were read from, when it tells why a request got fewer than it asked for; `unmanaged`
 * names numbers the purchase may have sold that no resource records: the last request of the batch
 * carries it, in its shortfall error or in an UnmanagedNumbersError, so that it is seen.
 */
function shareOut(
  batch: PendingPurchase[],
  bought: OwnedNumber[],
  location: Location,
  { answer, unmanaged }: { answer?: PurchaseAnswer; unmanaged?: string } = {},
): void {
  const place = describeLocation(location);
  const irregular = answer === undefined ? [] : answerIrregularities(answer);
  const why = irregular.length > 0 ? ` (${irregular.join("; ")})` : "";
  let next = 0;
  batch.forEach((request, index) => {
    const share = bought.slice(next, next + request.quantity);
    next += share.length;
    const note = index === batch.length - 1 ? unmanaged : undefined;
    const asked = request.quantity > 1 ? ` (${request.quantity} asked for)` : "";
    if (share.length === request.quantity || (request.allowPartial && share.length > 0)) {
      if (note === undefined) request.resolve(share);
      else request.reject(new UnmanagedNumbersError(note, share));
    } else if (irregular.length > 0) {
      // Aculab may have sold them all: it is its answer that left this request short.
      const left =
        share.length > 0
          ? `left this resource only ${share.length} of the ${request.quantity} numbers asked for`
          : `left no number for this resource${asked}`;
      request.reject(
        new PurchaseShortfallError(
          `Aculab's tel_purchase answer at ${place} ${left}${why}`,
          share,
          note,
        ),
      );
    } else if (share.length > 0) {
      request.reject(
        new PurchaseShortfallError(
          `Aculab sold only ${share.length} of the ${request.quantity} numbers asked for at ${place}`,
          share,
          note,
        ),
      );
    } else {
      request.reject(
        new PurchaseShortfallError(
          `Aculab had no number left to sell at ${place}${asked}`,
          [],
          note,
        ),
      );
    }
  });
}

/**
 * Why a lost purchase's numbers cannot be told, the candidates, and the ways out: nothing is
 * claimed, bought or released until the user decides.
 */
function unsureText(
  place: string,
  attempt: Attempt,
  watched: { why: string; candidates: string[] },
): string {
  const candidates =
    watched.candidates.length === 0 ? "none is listed there now" : watched.candidates.join(", ");
  return (
    `Which numbers it bought (${attempt.asked} asked for at ${attempt.attemptedAt}) cannot be told: ` +
    `${watched.why}. Candidates: ${candidates}. None is recorded, nothing was bought again and nothing ` +
    `is released: the resource stays in state with its purchase unconfirmed, and \`pulumi up\` and ` +
    `\`pulumi destroy\` stop at it until you decide. If a candidate is this resource's, adopt it: set ` +
    `InboundNumber's \`number\` to it (a NumberBlock: adopt each in an InboundNumber and remove the block ` +
    `with \`pulumi state delete\`). \`aculab-audit\` shows which numbers at ${place} no stack records; ` +
    `release by hand in the Aculab Cloud console those nobody owns (docs/recovery.md).`
  );
}
