import { errorMessage } from "../../common/errorMessage";
import { OwnedNumber } from "./accountListings";
import { UnconfirmedPurchase, UnconfirmedPurchaseError } from "./errors";
import { describeLocation, Location } from "./location";
import { Attempt, Watched, watchPurchase, WatchSources } from "./purchaseWatch";

/** Thrown by reconcile when it cannot settle a purchase; the purchase queue gives each request its share. */
export class BatchUnconfirmed extends Error {
  constructor(
    message: string,
    readonly attempt: Attempt,
  ) {
    super(message);
  }
}

/** What a settlement needs beyond a watch's sources. */
export interface LostPurchaseSources extends WatchSources {
  boughtNumbers(): string[];
  bought(numbers: Iterable<string>): void;
  /** See BatchingGate.untilEngineShownAll. */
  untilEngineShownAll(): Promise<void>;
}

const duration = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`);

/**
 * The purchase may or may not have happened: the listings tell (see watchPurchase). Its numbers
 * may appear one by one, and another buyer's too, so nothing is claimed before the window ends.
 * Anything short of a proof is thrown as BatchUnconfirmed, which each resource records.
 */
export async function reconcile(
  sources: LostPurchaseSources,
  location: Location,
  attempt: Attempt,
  cause: unknown,
): Promise<OwnedNumber[]> {
  let watched = await watchPurchase(sources, location, attempt);
  if (watched.kind === "bought") {
    watched = unheld(sources, watched.numbers, watched.numbers) ?? watched;
  }
  if (watched.kind === "bought") {
    sources.bought(watched.numbers.map((n) => n.number));
    return watched.numbers;
  }
  const record = { ...attempt, seen: "seen" in watched ? watched.seen : undefined };
  throw new BatchUnconfirmed(
    `The purchase at ${describeLocation(location)} may or may not have happened: ${errorMessage(cause)} ` +
      notBoughtText(location, attempt, watched, sources.listingWaitMs),
    record,
  );
}

/** What reconcile says of a purchase the listings did not settle, after the lost answer's cause. */
function notBoughtText(
  location: Location,
  attempt: Attempt,
  watched: Exclude<Watched, { kind: "bought" }>,
  listingWaitMs: number,
): string {
  const place = describeLocation(location);
  if (watched.kind === "unsure") return unsureText(place, attempt, watched);
  if (watched.kind === "open" && watched.candidates.length > 0) {
    return unsureText(place, attempt, {
      why: `only ${watched.candidates.length} of the ${attempt.asked} numbers asked for appeared there in time`,
      candidates: watched.candidates.map((n) => n.number),
    });
  }
  const listing =
    watched.kind === "unlisted"
      ? `the account's numbers could not be listed to check (${errorMessage(watched.error)})`
      : `no new number appeared there within ${duration(listingWaitMs)}`;
  // Recorded by each resource as a partially created resource: the next operation on it lists
  // the account again, and buys only once a listing proves nothing was bought.
  return (
    `Then ${listing}. Nothing was retried, so nothing was bought twice. The resource is kept in ` +
    `state with its purchase unconfirmed: the next \`pulumi up\` looks for its number at this ` +
    `location again and records it, buying only if a listing proves nothing was bought.`
  );
}

/**
 * Settles a purchase recorded as unconfirmed by an earlier operation, maybe of an earlier run:
 * this resource's share of what the purchase provably bought, or [] when a listing asked for
 * after its window shows nothing new at its place. Throws an UnconfirmedPurchaseError (to record
 * again) when that cannot be told.
 */
export async function settle(
  sources: LostPurchaseSources,
  location: Location,
  confirm: UnconfirmedPurchase,
): Promise<OwnedNumber[]> {
  // Records made before the window was kept: it ends listingWaitMs after the attempt.
  const windowEnd =
    confirm.windowEnd ??
    new Date(Date.parse(confirm.attemptedAt) + sources.listingWaitMs).toISOString();
  const attempt: Attempt = { ...confirm, windowEnd };
  let watched = await watchPurchase(sources, location, attempt);
  if (watched.kind === "unsure" && watched.late) {
    await sources.untilEngineShownAll();
    watched = await watchPurchase(sources, location, attempt);
  }
  if (watched.kind === "bought") {
    const share = watched.numbers.slice(confirm.offset, confirm.offset + confirm.quantity);
    // The rest of the purchase may be held by the resources that shared it; this share is not.
    watched = unheld(sources, share, watched.numbers) ?? { kind: "bought", numbers: share };
    if (watched.kind === "bought") return watched.numbers;
  }
  if (watched.kind === "none") return [];
  const seen = "seen" in watched ? watched.seen : undefined;
  const again: UnconfirmedPurchase = {
    ...confirm,
    windowEnd,
    ...(seen === undefined ? {} : { seen }),
    excluded: [...new Set([...confirm.excluded, ...sources.boughtNumbers()])].sort(),
  };
  throw new UnconfirmedPurchaseError(stillUnconfirmedText(location, attempt, watched), again);
}

/** Why an earlier purchase is still unconfirmed after another watch. */
function stillUnconfirmedText(
  location: Location,
  attempt: Attempt,
  watched: Exclude<Watched, { kind: "bought" | "none" }>,
): string {
  const place = describeLocation(location);
  if (watched.kind === "unsure") {
    return `The earlier purchase at ${place} of ${attempt.attemptedAt} is still unconfirmed. ${unsureText(place, attempt, watched)}`;
  }
  const unknown = `Whether the earlier purchase at ${place} bought numbers for this resource is still not known: `;
  if (watched.kind === "open") {
    return (
      unknown +
      `its window (until ${attempt.windowEnd}) could not be watched to its end. Nothing was bought. Run \`pulumi up\` again.`
    );
  }
  return (
    unknown +
    `the account's numbers could not be listed (${errorMessage(watched.error)}). Nothing was bought. Run ` +
    `\`pulumi up\` again; if this persists, adopt what it bought with InboundNumber's \`number\` input ` +
    `(aculab.listNumbers shows the account's numbers there).`
  );
}

/**
 * Unsure when another resource holds one of `numbers` (of `within`, all the purchase bought): a
 * number is never claimed from its holder.
 */
function unheld(
  sources: LostPurchaseSources,
  numbers: OwnedNumber[],
  within: OwnedNumber[],
): Watched | undefined {
  const held = numbers.filter((n) => sources.holderOf(n.number) !== undefined);
  if (held.length === 0) return undefined;
  return {
    kind: "unsure",
    why:
      held.map((n) => `${n.number} is held by ${sources.holderOf(n.number)}`).join(", ") +
      ` in this deployment`,
    candidates: within.map((n) => n.number),
    seen: within.map((n) => n.number).sort(),
  };
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
