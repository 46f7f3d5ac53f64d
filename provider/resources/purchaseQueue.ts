import { AculabClient, AculabError, PurchaseParams } from "../client";
import { AccountListings, atPlace, OwnedNumber } from "./accountListings";
import { UnconfirmedPurchase, UnconfirmedPurchaseError } from "./errors";
import {
  describeLocation,
  Location,
  locationFilter,
  locationKey,
  purchaseParams,
} from "./location";
import { BatchUnconfirmed, LostPurchaseSources, reconcile, settle } from "./lostPurchase";
import { pollUntil } from "./poll";
import { PurchaseAnswer, readPurchaseAnswer, unmanagedNote } from "./purchaseAnswer";
import { needsAll, PendingPurchase, PurchaseRequest, shareOut, takeBatch } from "./purchaseShares";
import { Attempt } from "./purchaseWatch";

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Purchases, gathered until the batching gate flushes them, then serialized per location (so a
 * purchase whose outcome is unknown can be reconciled without ambiguity) and coalesced into one
 * tel_purchase call each time a location's turn comes.
 */
export class PurchaseQueue {
  /** Purchases gathered for the next flush, in arrival order. */
  private gathered: PendingPurchase[] = [];
  /** Purchases flushed and waiting for their location's earlier purchase to finish. */
  private readonly queues = new Map<string, PendingPurchase[]>();
  private readonly purchasing = new Set<string>();
  /**
   * Locations where a purchase of this process ended unconfirmed (maybe bought, numbers not
   * known): no other purchase is made there by this process, so the numbers that appear there
   * later are exactly that purchase's, and a later run can tell them without guessing.
   */
  private readonly unsettled = new Map<string, string>();

  constructor(
    private readonly client: AculabClient,
    private readonly development: boolean,
    private readonly listings: AccountListings,
    private readonly sources: LostPurchaseSources,
  ) {}

  /** Gathers a purchase for the next flush; resolves with its numbers (see shareOut). */
  add(request: PurchaseRequest): Promise<OwnedNumber[]> {
    return new Promise<OwnedNumber[]>((resolve, reject) => {
      this.gathered.push({ ...request, resolve, reject });
    });
  }

  /** Queues what was gathered, each at its location. */
  flush(): void {
    const gathered = this.gathered;
    this.gathered = [];
    for (const request of gathered) this.enqueue(request);
  }

  /**
   * Settles a purchase recorded as unconfirmed (UnconfirmedPurchaseError) by an earlier
   * operation, maybe of an earlier run: serialized with the purchases at its location, it watches
   * the account's listing (see watchPurchase) and takes this resource's share of what the purchase
   * provably bought. Resolves with [] only when a listing asked for after the purchase's window
   * shows nothing new at its place (the purchase did not happen). Rejects with an
   * UnconfirmedPurchaseError (to record again) when that cannot be told, naming the candidates.
   */
  confirm(location: Location, confirm: UnconfirmedPurchase): Promise<OwnedNumber[]> {
    // A settlement shares no call, so it is not gathered.
    return new Promise((resolve, reject) =>
      this.enqueue({
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

  /** Queues a purchase behind those at its location, which are serialized (see reconcile). */
  private enqueue(request: PendingPurchase): void {
    const key = locationKey(request.location);
    const queue = this.queues.get(key) ?? [];
    queue.push(request);
    this.queues.set(key, queue);
    if (!this.purchasing.has(key)) {
      this.purchasing.add(key);
      // After this turn: the rest of a flush joins the queue before its first batch is taken.
      queueMicrotask(() => void this.drain(key));
    }
  }

  private async drain(key: string): Promise<void> {
    const queue = this.queues.get(key) ?? [];
    while (queue.length > 0) {
      const batch = takeBatch(queue);
      await this.purchaseBatch(batch);
    }
    this.queues.delete(key);
    this.purchasing.delete(key);
  }

  private async purchaseBatch(batch: PendingPurchase[]): Promise<void> {
    const [first] = batch;
    if (first.confirm) return this.settleOne(first, first.confirm);
    if (this.refusedWhileUnsettled(batch)) return;
    const total = batch.reduce((sum, request) => sum + request.quantity, 0);
    // Blocks that need all their numbers share an all-or-nothing call; other resources share one
    // only if each may end up without its numbers (see takeBatch).
    const allOrNothing = batch.length > 1 && batch.every(needsAll);
    const allowPartial = !allOrNothing && (batch.length > 1 || first.allowPartial);
    const params = purchaseParams(first.location, first.settings, total, allowPartial);
    try {
      if (this.development) await this.buyMadeUp(batch, params, total);
      else await this.buy(batch, params, total);
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

  private async settleOne(request: PendingPurchase, confirm: UnconfirmedPurchase): Promise<void> {
    try {
      request.resolve(await settle(this.sources, request.location, confirm));
    } catch (error) {
      if (error instanceof UnconfirmedPurchaseError) {
        this.unsettled.set(locationKey(request.location), error.message);
      }
      request.reject(error);
    }
  }

  /** Whether the batch was refused because an earlier purchase at its place is unsettled. */
  private refusedWhileUnsettled(batch: PendingPurchase[]): boolean {
    const { location } = batch[0];
    if (!this.unsettled.has(locationKey(location)) || this.development) return false;
    const error = new Error(
      `Nothing was bought: an earlier purchase at ${describeLocation(location)} in this run has an ` +
        `outcome not known yet, and buying there again now could make its numbers impossible to tell ` +
        `apart. Run \`pulumi up\` again.`,
    );
    for (const request of batch) request.reject(error);
    return true;
  }

  /** Made up, never bought: read like a real answer, so that state records digits. */
  private async buyMadeUp(
    batch: PendingPurchase[],
    params: PurchaseParams,
    total: number,
  ): Promise<void> {
    const { location } = batch[0];
    // An entry that cannot be read names nothing the account owns.
    const answer = readPurchaseAnswer(await this.client.purchaseNumbersDevelopment(params));
    shareOut(
      batch,
      answer.numbers
        .slice(0, total)
        .map((number) => ({ number, ...location, monthlyPrice: 0, purchased: today() })),
      location,
      { answer },
    );
  }

  private async buy(batch: PendingPurchase[], params: PurchaseParams, total: number) {
    const { location } = batch[0];
    const before = atPlace(await this.listings.snapshot(), location).map((n) => n.number);
    const attemptedAt = new Date(this.sources.windowClock()).toISOString();
    let answer: PurchaseAnswer;
    try {
      answer = readPurchaseAnswer(await this.client.purchaseNumbers(params));
    } catch (error) {
      if (error instanceof AculabError && error.provesNothingChanged) throw error;
      const attempt: Attempt = {
        excluded: [...new Set([...before, ...this.sources.boughtNumbers()])].sort(),
        asked: total,
        attemptedAt,
        windowEnd: new Date(this.sources.windowClock() + this.sources.listingWaitMs).toISOString(),
      };
      return this.afterLostAnswer(batch, attempt, error);
    }
    this.handOut(batch, answer, total);
  }

  /** The numbers sold, to the requests in order; the surplus named in the last one's error. */
  private handOut(batch: PendingPurchase[], answer: PurchaseAnswer, total: number): void {
    const { location } = batch[0];
    // Every number sold is this process's purchase, the surplus too: never taken for another's.
    this.sources.bought(answer.numbers);
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
  }

  /** A purchase whose answer was lost: the listings settle it, or each request records it unconfirmed. */
  private async afterLostAnswer(batch: PendingPurchase[], attempt: Attempt, cause: unknown) {
    const { location } = batch[0];
    let reconciled: OwnedNumber[];
    try {
      reconciled = await reconcile(this.sources, location, attempt, cause);
    } catch (failure) {
      if (!(failure instanceof BatchUnconfirmed)) throw failure;
      this.unsettled.set(locationKey(location), failure.message);
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
  }

  /** Bought numbers with their price and date, which only tel_list_numbers tells. */
  private detailsOf(location: Location, numbers: string[]): Promise<OwnedNumber[]> {
    const { clock, listingWaitMs, listingPollMs } = this.sources;
    const deadline = clock.now() + listingWaitMs;
    return pollUntil(clock, { intervalMs: listingPollMs, deadline }, async (pastDeadline) => {
      let listed: Record<string, OwnedNumber> | undefined;
      try {
        listed = await this.listings.listNumbers(locationFilter(location), true);
      } catch {
        // Reads are retried inside the client; if they still fail, the numbers are recorded below.
      }
      if (listed && numbers.every((n) => n in listed)) return numbers.map((n) => listed[n]);
      if (!pastDeadline()) return undefined;
      return numbers.map(
        (n) => listed?.[n] ?? { number: n, ...location, monthlyPrice: 0, purchased: today() },
      );
    });
  }
}
