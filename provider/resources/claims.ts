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

/** How a resource came to hold a number: see ClaimRegistry.claim. */
export type ClaimKind = "adopt" | "bought" | "refreshed";

/**
 * Which resource of this deployment holds each number, as far as this process knows, and which
 * numbers this process bought: a lost purchase's settlement must never take another resource's
 * number, or one bought here, for its own.
 */
export class ClaimRegistry {
  /** Which resource of this deployment holds each number it bought, adopted or refreshed. */
  private readonly claims = new Map<string, { holder: string; adopted: boolean }>();
  /** Numbers the state of other resources records, as the engine's diffs showed: see recordedBy. */
  private readonly recorded = new Map<string, string>();
  /** Every number this process bought: never mistaken for the outcome of a later purchase. */
  private readonly boughtHere = new Set<string>();

  /**
   * Records that `holder` (a resource of this deployment) holds these numbers. `adopt` (a create
   * naming `number`) fails naming both when another resource already holds one, and records that
   * the holder adopted it in this process (see adoptedHere); `bought` (a purchase, a block's
   * growth) and `refreshed` (a read) record only a number no resource holds yet.
   */
  claim(numbers: readonly string[], holder: string, how: ClaimKind = "adopt"): void {
    if (how === "adopt") this.refuseOtherHolders(numbers, holder);
    for (const n of numbers) {
      if (how === "adopt") this.claims.set(n, { holder, adopted: true });
      else if (!this.claims.has(n)) this.claims.set(n, { holder, adopted: false });
    }
  }

  private refuseOtherHolders(numbers: readonly string[], holder: string): void {
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
    for (const n of numbers) if (!this.recorded.has(n)) this.recorded.set(n, holder);
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

  /** This process bought these numbers (all a purchase sold, the surplus too). */
  bought(numbers: Iterable<string>): void {
    for (const n of numbers) this.boughtHere.add(n);
  }

  wasBoughtHere(number: string): boolean {
    return this.boughtHere.has(number);
  }

  boughtNumbers(): string[] {
    return [...this.boughtHere];
  }

  /** Released: no longer the account's, so nobody's. */
  released(numbers: Iterable<string>): void {
    for (const n of numbers) {
      this.boughtHere.delete(n);
      this.claims.delete(n);
      this.recorded.delete(n);
    }
  }
}
