export interface AccountTuning {
  /** How long a listing answers reads of the same filter: about one engine operation. */
  listingCacheMs: number;
  /**
   * The least time purchases and releases wait, after the engine last called this provider, for
   * others to join their batch (see BatchingGate). Under the real engine the creates or
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
   * bought (see PurchaseWatch).
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
