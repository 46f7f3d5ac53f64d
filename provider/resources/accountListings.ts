import { AculabClient, ListedNumber, ListedNumbers, LocationFilter } from "../client";
import { Logger } from "../client/logger";
import { AccountTuning } from "./accountTuning";
import { Clock } from "./clock";
import { CommandListing, CommandListings } from "./commandListings";
import { Location, sameLocation } from "./location";

/** A number the account holds, as the resources record it. */
export type OwnedNumber = ListedNumber;

/** What the account holds of some numbers, looked up by number in its whole listing. */
export interface AccountLookup {
  /** Listed by the account, with where Aculab says they are, their price and date. */
  listed: Record<string, OwnedNumber>;
  /** Bought by this provider process and not listed yet: still owned. */
  unlisted: string[];
  /**
   * Absent from two unfiltered listings in a row, the second asked for after the lookup began and
   * after the first answered: not the account's (see AccountListings.lookUp).
   */
  gone: string[];
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

/** The numbers a whole-account listing places at `location`, by the place's identity, not its spelling. */
export const atPlace = (listed: ListedNumbers, location: Location): OwnedNumber[] =>
  Object.values(listed)
    .filter((n) => sameLocation(n, location))
    .sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));

/**
 * The account's tel_list_numbers answers, shared in this process: reads of one filter share a
 * listing, and every lookup by number shares the account's whole listing (one call serves a whole
 * refresh, whatever the locations).
 */
export class AccountListings {
  private readonly listings = new Map<string, { at: number; answer: Promise<ListedNumbers> }>();
  /**
   * The account's whole listing (tel_list_numbers without a filter). `seq` orders listings by when
   * they were asked for, so a lookup can tell whether a listing began after it did.
   */
  private wholeListing?: AccountListing;
  private listingSeq = 0;
  /** The command's shared listings, read once by this process's first refresh lookup. */
  private sharedListings?: CommandListing[];
  /** Listings (by sequence number) a later listing contradicted, already said so once. */
  private readonly contradicted = new Set<number>();

  constructor(
    private readonly client: AculabClient,
    private readonly tuning: Pick<AccountTuning, "listingCacheMs">,
    private readonly clock: Clock,
    /** Numbers this process bought: still owned when a listing lacks them. */
    private readonly boughtHere: (number: string) => boolean,
    /** Where a contradiction between two listings is said. */
    private readonly logger: Logger,
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
    if (!fresh && cached && this.clock.now() - cached.at < this.tuning.listingCacheMs) {
      return cached.answer;
    }
    const answer = this.client.listNumbers(filter);
    const entry = { at: this.clock.now(), answer };
    this.listings.set(key, entry);
    answer.then(
      () => (entry.at = this.clock.now()),
      () => this.listings.get(key) === entry && this.listings.delete(key),
    );
    return answer;
  }

  /** A whole listing asked for after every one asked for so far. */
  freshAccountListing(): Promise<ListedNumbers> {
    return this.accountListing(this.listingSeq).answer;
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
      at: this.clock.now(),
      answer: this.client.listNumbers({}),
    };
    this.wholeListing = entry;
    entry.answer.then(
      (listed) => {
        entry.answeredAt = this.listingSeq;
        this.commandListings?.record({ askedAt: entry.at, answeredAt: this.clock.now(), listed });
      },
      () => {
        if (this.wholeListing === entry) this.wholeListing = undefined;
      },
    );
    return entry;
  }

  /**
   * What the account held just before a purchase: its whole listing, never one filtered by our
   * spelling of the place (a listing that spells it otherwise would show the place empty, and its
   * numbers would later pass for the purchase's). One asked for in the last listingCacheMs will
   * do: numbers this process bought since are known as such, and reconciliation ignores them.
   */
  snapshot(): Promise<ListedNumbers> {
    const current = this.wholeListing;
    if (current && this.clock.now() - current.at < this.tuning.listingCacheMs) {
      return current.answer;
    }
    return this.freshAccountListing();
  }

  /** Releases change what the account owns: later reads must ask again. */
  forget(): void {
    this.listings.clear();
    this.wholeListing = undefined;
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
    const suspect = unseen.filter((n) => !this.boughtHere(n));
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
    return this.sorted(numbers, listed, confirmed);
  }

  /** Each number by what the lookup's listings tell of it: see lookUp. */
  private sorted(
    numbers: readonly string[],
    listed: ListedNumbers,
    confirmed: ListedNumbers,
  ): AccountLookup {
    const found: Record<string, OwnedNumber> = {};
    const unlisted: string[] = [];
    const gone: string[] = [];
    for (const n of numbers) {
      if (n in confirmed) found[n] = confirmed[n];
      else if (n in listed) found[n] = listed[n];
      else if (this.boughtHere(n)) unlisted.push(n);
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
      else if (this.boughtHere(n)) found.unlisted.push(n);
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
}
