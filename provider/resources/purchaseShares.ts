import { OwnedNumber } from "./accountListings";
import { PurchaseShortfallError, UnconfirmedPurchase, UnmanagedNumbersError } from "./errors";
import { describeLocation, Location, PurchaseSettings, settingsKey } from "./location";
import { answerIrregularities, PurchaseAnswer } from "./purchaseAnswer";

export interface PurchaseRequest {
  location: Location;
  settings: PurchaseSettings;
  quantity: number;
  allowPartial: boolean;
}

/** A purchase waiting for its tel_purchase call, and the resource waiting for its numbers. */
export interface PendingPurchase extends PurchaseRequest {
  /** Not a purchase: settle an earlier purchase whose outcome was not told (see PurchaseQueue.confirm). */
  confirm?: UnconfirmedPurchase;
  resolve(numbers: OwnedNumber[]): void;
  reject(error: unknown): void;
}

/** A block that must get all its numbers or none (allowPartial false). */
export const needsAll = (request: PendingPurchase) => !request.allowPartial && request.quantity > 1;

/**
 * The first request, and every later one that can share its tel_purchase call: requests that may
 * end up without their numbers (single numbers, partial blocks) share one call with allow_partial,
 * and blocks that need all their numbers share an all-or-nothing call (retried one by one if
 * Aculab refuses it). A settlement of an unconfirmed purchase goes alone.
 */
export function takeBatch(queue: PendingPurchase[]): PendingPurchase[] {
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
export function shareOut(
  batch: PendingPurchase[],
  bought: OwnedNumber[],
  location: Location,
  { answer, unmanaged }: { answer?: PurchaseAnswer; unmanaged?: string } = {},
): void {
  const irregular = answer === undefined ? [] : answerIrregularities(answer);
  let next = 0;
  batch.forEach((request, index) => {
    const share = bought.slice(next, next + request.quantity);
    next += share.length;
    const note = index === batch.length - 1 ? unmanaged : undefined;
    if (share.length === request.quantity || (request.allowPartial && share.length > 0)) {
      if (note === undefined) request.resolve(share);
      else request.reject(new UnmanagedNumbersError(note, share));
    } else {
      request.reject(
        new PurchaseShortfallError(shortfallText(request, share, location, irregular), share, note),
      );
    }
  });
}

/** Why a request got fewer numbers than it needs: `irregular` is what the answer got wrong, if anything. */
function shortfallText(
  request: PendingPurchase,
  share: OwnedNumber[],
  location: Location,
  irregular: string[],
): string {
  const place = describeLocation(location);
  const asked = request.quantity > 1 ? ` (${request.quantity} asked for)` : "";
  if (irregular.length > 0) {
    // Aculab may have sold them all: it is its answer that left this request short.
    const left =
      share.length > 0
        ? `left this resource only ${share.length} of the ${request.quantity} numbers asked for`
        : `left no number for this resource${asked}`;
    return `Aculab's tel_purchase answer at ${place} ${left} (${irregular.join("; ")})`;
  }
  if (share.length > 0) {
    return `Aculab sold only ${share.length} of the ${request.quantity} numbers asked for at ${place}`;
  }
  return `Aculab had no number left to sell at ${place}${asked}`;
}
