import { AculabClient, ListedNumbers, LocationFilter } from "../client";
import { Logger, silentLogger } from "../client/logger";
import { AccountListings, AccountLookup, OwnedNumber } from "./accountListings";
import { AccountTuning, defaultTuning } from "./accountTuning";
import { BatchingGate } from "./batchingGate";
import { ClaimKind, ClaimRegistry } from "./claims";
import { systemClock } from "./clock";
import { CommandListings } from "./commandListings";
import { UnconfirmedPurchase } from "./errors";
import { Location } from "./location";
import { LostPurchaseSources } from "./lostPurchase";
import { PreflightCache } from "./preflightCache";
import { PurchaseQueue } from "./purchaseQueue";
import { PurchaseRequest } from "./purchaseShares";
import { ReleaseOutcome, ReleaseQueue } from "./releaseQueue";

// The names the rest of the provider has always imported from here.
export type { AccountLookup, OwnedNumber } from "./accountListings";
export { type AccountTuning, defaultTuning } from "./accountTuning";
export { type ClaimKind, NumberClaimedError } from "./claims";
export type { PurchaseRequest } from "./purchaseShares";
export type { KeptReason, ReleaseOutcome } from "./releaseQueue";

/**
 * Everything that touches the numbers of one Aculab account from this process. It coalesces the
 * engine's concurrent operations: reads share a listing (AccountListings), purchases at one
 * location are serialized and coalesced into one tel_purchase call (PurchaseQueue), releases are
 * batched (ReleaseQueue), both gathered until the engine has handed over its wave
 * (BatchingGate); ClaimRegistry knows which resource holds each number.
 */
export class NumberAccount {
  readonly claims = new ClaimRegistry();
  readonly listings: AccountListings;
  /** What checks ask Aculab before anything is bought: see preflight.ts. */
  readonly preflightCache: PreflightCache;
  private readonly gate: BatchingGate;
  private readonly purchases: PurchaseQueue;
  private readonly releases: ReleaseQueue;

  /**
   * `clock` times a lost purchase's window (its attempt, its answer, the listings after it): the
   * wall clock, or in tests the simulator's, so that no outcome depends on the machine's speed.
   */
  constructor(
    readonly client: AculabClient,
    readonly development: boolean,
    /** Kept whole, as the account was tuned: tests read it back. */
    private readonly tuning: AccountTuning = defaultTuning,
    clock: () => number = Date.now,
    /** Where the account warns of what it chose not to believe: the engine, through the entry point's logger. */
    logger: Logger = silentLogger,
    /** The listings other provider processes of this `pulumi` command saw: see lookUp's `refresh`. */
    commandListings?: CommandListings,
  ) {
    const { claims } = this;
    const boughtHere = (n: string) => claims.wasBoughtHere(n);
    this.listings = new AccountListings(
      client,
      tuning,
      systemClock,
      boughtHere,
      logger,
      commandListings,
    );
    this.preflightCache = new PreflightCache(client);
    this.releases = new ReleaseQueue(client, tuning.releaseBatchSize, this.listings, claims);
    this.gate = new BatchingGate(
      tuning,
      systemClock,
      () => this.flush(),
      () => this.releases.waiting,
    );
    this.purchases = new PurchaseQueue(
      client,
      development,
      this.listings,
      this.lostPurchaseSources(clock),
    );
  }

  /** What settling a lost purchase reads, on the wall clock and the window's `clock`. */
  private lostPurchaseSources(clock: () => number): LostPurchaseSources {
    const { claims, tuning } = this;
    return {
      freshListing: () => this.listings.freshAccountListing(),
      wasBoughtHere: (n) => claims.wasBoughtHere(n),
      holderOf: (n) => claims.holderOf(n),
      boughtNumbers: () => claims.boughtNumbers(),
      bought: (numbers) => claims.bought(numbers),
      untilEngineShownAll: () => this.gate.untilEngineShownAll(),
      clock: systemClock,
      windowClock: clock,
      listingWaitMs: tuning.listingWaitMs,
      listingPollMs: tuning.listingPollMs,
    };
  }

  /** tel_list_numbers, shared by concurrent and closely following reads of the same filter. */
  listNumbers(filter: LocationFilter = {}, fresh = false): Promise<ListedNumbers> {
    return this.listings.listNumbers(filter, fresh);
  }

  /** See AccountListings.lookUp: a number is gone only when two listings in a row lack it. */
  lookUp(numbers: readonly string[], options: { refresh?: boolean } = {}): Promise<AccountLookup> {
    return this.listings.lookUp(numbers, options);
  }

  /** See ClaimRegistry.claim. */
  claim(numbers: readonly string[], holder: string, how: ClaimKind = "adopt"): void {
    this.claims.claim(numbers, holder, how);
  }

  /** Withdraws a claim that did not come true (an adoption that failed). */
  unclaim(numbers: readonly string[], holder: string): void {
    this.claims.unclaim(numbers, holder);
  }

  /** Which resource of this deployment holds the number, if any, as far as this process knows. */
  holderOf(number: string): string | undefined {
    return this.claims.holderOf(number);
  }

  /** The engine showed this process a resource's state (a diff): see ClaimRegistry.recordedBy. */
  recordedBy(numbers: readonly string[], holder: string): void {
    this.gate.stateShown();
    this.claims.recordedBy(numbers, holder);
  }

  /** The resource that adopted the number in this process: see ClaimRegistry.adoptedHere. */
  adoptedHere(number: string): string | undefined {
    return this.claims.adoptedHere(number);
  }

  /** A check passed for a new resource that buys: its create, and so a purchase, will follow. */
  announcePurchase(): void {
    this.gate.announcePurchase();
  }

  /** Buys numbers; resolves with exactly `quantity` numbers, or fewer only if allowPartial. */
  purchase(request: PurchaseRequest): Promise<OwnedNumber[]> {
    this.gate.purchaseArrived();
    // The listing the purchase needs beforehand (see AccountListings.snapshot) runs while the
    // batch gathers.
    if (!this.development) this.listings.snapshot().catch(() => undefined);
    return this.gate.gather(this.purchases.add(request));
  }

  /** See PurchaseQueue.confirm: settles a purchase recorded as unconfirmed. */
  confirmPurchase(location: Location, confirm: UnconfirmedPurchase): Promise<OwnedNumber[]> {
    return this.purchases.confirm(location, confirm);
  }

  /** Releases numbers, batching those asked for together into one tel_delete_numbers call. */
  release(numbers: string[]): Promise<ReleaseOutcome> {
    // Development numbers never get here: the lifecycle releases only numbers bought for real.
    if (numbers.length === 0) return Promise.resolve({ released: [], kept: {} });
    this.gate.releaseArrived();
    return this.gate.gather(this.releases.add(numbers));
  }

  /** A check runs its dry run: the engine is generating steps, more operations may follow. */
  checkStarted(): void {
    this.gate.checkStarted();
  }

  checkFinished(): void {
    this.gate.checkFinished();
  }

  /** How long without a call from the engine ends a gathering: see AccountTuning.batchWindowMs. */
  quietWindowMs(): number {
    return this.gate.quietWindowMs();
  }

  private flush(): void {
    this.releases.flush();
    this.purchases.flush();
  }
}
