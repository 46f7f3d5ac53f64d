/**
 * Thrown from create or update when numbers were bought (or kept) but the operation as a whole
 * failed. The engine records `id` and `properties` as a partially created resource, so state
 * still holds every number the account pays for.
 */
export class ResourcePartiallyCreatedError extends Error {
  readonly reasons: string[];

  constructor(
    message: string,
    readonly id: string,
    readonly properties: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ResourcePartiallyCreatedError";
    this.reasons = [message];
  }
}

/**
 * A purchase that bought some numbers but not all that were asked for. `unmanaged`, when set, is
 * what the error must also say about numbers the purchase may have sold that no resource records
 * (see UnmanagedNumbersError).
 */
export class PurchaseShortfallError extends Error {
  constructor(
    message: string,
    readonly bought: import("./accountListings").OwnedNumber[],
    readonly unmanaged?: string,
  ) {
    super(message);
    this.name = "PurchaseShortfallError";
  }
}

/**
 * A purchase that gave this resource what it asked for (`bought`), and whose answer also held
 * numbers no resource records: the message names them and says how to adopt or release them.
 * The resource records `bought` as a partially created resource, so that the deployment fails
 * and the message is seen, and the next `pulumi up` finishes without buying again.
 */
export class UnmanagedNumbersError extends Error {
  constructor(
    readonly unmanaged: string,
    readonly bought: import("./accountListings").OwnedNumber[],
  ) {
    super(unmanaged);
    this.name = "UnmanagedNumbersError";
  }
}

/**
 * What a resource records about a purchase whose outcome could not be told (the answer was lost
 * and the listing did not show the result in time): enough for a later operation to find its
 * numbers without buying again. `excluded` are the numbers at the location known not to be this
 * purchase's (listed before it, or bought by other purchases of the same process); the purchase
 * asked for `asked` numbers in one tel_purchase call, of which this resource's are the
 * `quantity` from `offset` in the sorted list of the numbers that call bought.
 */
export interface UnconfirmedPurchase {
  excluded: string[];
  asked: number;
  offset: number;
  quantity: number;
  /** ISO time of the tel_purchase call. */
  attemptedAt: string;
  /**
   * ISO time by which all the purchase bought is listed: when its answer was lost, plus
   * aculab:listingWaitMs. Absent in records made before it was kept (then attemptedAt plus it).
   */
  windowEnd?: string;
  /**
   * Once the listing was read at or after windowEnd: the numbers that had appeared at the place by
   * then, all the purchase can have bought. A number that appears there later is not its own.
   */
  seen?: string[];
}

/**
 * A purchase that may or may not have happened, and that reconciliation could not settle (the
 * listing failed, or nothing appeared in time). Each resource of the purchase gets its own error
 * with its share; the lifecycle records it as a partially created resource.
 */
export class UnconfirmedPurchaseError extends Error {
  constructor(
    message: string,
    readonly purchase: UnconfirmedPurchase,
  ) {
    super(message);
    this.name = "UnconfirmedPurchaseError";
  }
}

/** The purchase a resource's state records as unconfirmed, if it records one. */
export function unconfirmedPurchaseOf(state: object | undefined): UnconfirmedPurchase | undefined {
  return (state as { unconfirmedPurchase?: UnconfirmedPurchase } | undefined)?.unconfirmedPurchase;
}

/**
 * What a create or update throws in place of an UnconfirmedPurchaseError: a partially created
 * resource whose state (made by `state` from the purchase) records it, so that the engine keeps it
 * and the next update settles it from the listing. Without this the numbers, if bought, would be
 * paid for and in no state. Any other error is given back as it is.
 */
export function recordingUnconfirmed(
  error: unknown,
  id: string,
  state: (purchase: UnconfirmedPurchase) => Record<string, unknown>,
  message: (error: UnconfirmedPurchaseError) => string = (e) => e.message,
): unknown {
  if (!(error instanceof UnconfirmedPurchaseError)) return error;
  return new ResourcePartiallyCreatedError(message(error), id, state(error.purchase), {
    cause: error,
  });
}
