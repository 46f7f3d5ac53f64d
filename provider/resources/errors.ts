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

/** A purchase that bought some numbers but not all that were asked for. */
export class PurchaseShortfallError extends Error {
  constructor(
    message: string,
    readonly bought: import("./account").OwnedNumber[],
  ) {
    super(message);
    this.name = "PurchaseShortfallError";
  }
}
