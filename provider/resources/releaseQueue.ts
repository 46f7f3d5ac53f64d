import { errorMessage } from "../../common/errorMessage";
import { AculabClient, AculabError } from "../client";
import { AccountListings } from "./accountListings";
import { ClaimRegistry } from "./claims";

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

interface PendingRelease {
  number: string;
  resolve(outcome: ReleaseOutcome): void;
  reject(error: unknown): void;
}

/** What one tel_delete_numbers call did, number by number. */
interface BatchOutcome {
  released: Set<string>;
  kept: Map<string, KeptReason>;
  failure?: string;
  cause?: unknown;
  /** Neither released nor kept by the answer: the listings must tell. */
  unaccounted: string[];
  status: string;
}

/** Releases, gathered until the batching gate flushes them, sent releaseBatchSize at a time. */
export class ReleaseQueue {
  private pending: PendingRelease[] = [];

  constructor(
    private readonly client: AculabClient,
    private readonly releaseBatchSize: number,
    private readonly listings: AccountListings,
    private readonly claims: ClaimRegistry,
  ) {}

  /** Releases are gathered. */
  get waiting(): boolean {
    return this.pending.length > 0;
  }

  /** Gathers the numbers' release; resolves with what became of each. */
  add(numbers: string[]): Promise<ReleaseOutcome> {
    const outcomes = numbers.map(
      (number) =>
        new Promise<ReleaseOutcome>((resolve, reject) => {
          this.pending.push({ number, resolve, reject });
        }),
    );
    // A full tel_delete_numbers call need wait for nothing.
    if (this.pending.length >= this.releaseBatchSize) this.flush(true);
    return Promise.all(outcomes).then((parts) => {
      const failed = parts.find((p) => p.failure !== undefined);
      return {
        released: parts.flatMap((p) => p.released),
        kept: Object.assign({}, ...parts.map((p) => p.kept)),
        ...(failed === undefined ? {} : { failure: failed.failure, cause: failed.cause }),
      };
    });
  }

  /** Sends the gathered releases, or with `fullOnly` only as many full batches as they fill. */
  flush(fullOnly = false): void {
    while (this.pending.length >= (fullOnly ? this.releaseBatchSize : 1)) {
      const batch = this.pending.splice(0, this.releaseBatchSize);
      void this.releaseBatch(batch);
    }
  }

  /**
   * One tel_delete_numbers call. A number counts as released only when Aculab says so: status OK,
   * or a not-deleted entry with code 0300 (not the account's). Any other code keeps the number.
   * An answer that leaves a number unaccounted for (FAIL or PARTIAL without naming it) or a call
   * that may have been carried out (a 5xx, a timeout, an answer the reference does not describe)
   * is checked against fresh unfiltered listings: only numbers proved gone (two listings in a row
   * lack them, see AccountListings.lookUp) count as released.
   */
  private async releaseBatch(batch: PendingRelease[]): Promise<void> {
    const numbers = [...new Set(batch.map((r) => r.number))];
    let outcome: BatchOutcome;
    try {
      outcome = await this.deleteNumbers(numbers);
      this.listings.forget();
      if (outcome.unaccounted.length > 0) await this.checkUnaccounted(outcome);
    } catch (error) {
      this.listings.forget();
      for (const request of batch) request.reject(error);
      return;
    }
    const { released, kept, failure, cause } = outcome;
    this.claims.released(released);
    for (const request of batch) {
      const reason = kept.get(request.number);
      request.resolve({
        released: reason === undefined ? [request.number] : [],
        kept: reason === undefined ? {} : { [request.number]: reason },
        ...(failure === undefined || reason === undefined ? {} : { failure, cause }),
      });
    }
  }

  /** tel_delete_numbers, and what its answer (or failure) says of each number. */
  private async deleteNumbers(numbers: string[]): Promise<BatchOutcome> {
    const outcome: BatchOutcome = {
      released: new Set(),
      kept: new Map(),
      unaccounted: [],
      status: "",
    };
    try {
      const answer = await this.client.deleteNumbers({ numbers });
      outcome.status = answer.status;
      for (const n of numbers) {
        const reason = answer.numbers?.[n];
        if (reason?.code === "0300") outcome.released.add(n);
        else if (reason !== undefined) outcome.kept.set(n, reason);
        else if (answer.status === "OK") outcome.released.add(n);
        else outcome.unaccounted.push(n);
      }
    } catch (error) {
      const failure = errorMessage(error);
      outcome.failure = failure;
      outcome.cause = error;
      if (error instanceof AculabError && error.provesNothingChanged) {
        for (const n of numbers) outcome.kept.set(n, { description: failure });
      } else {
        outcome.unaccounted = numbers;
      }
    }
    return outcome;
  }

  /** Numbers the answer left unaccounted for: released only if the listings prove them gone. */
  private async checkUnaccounted(outcome: BatchOutcome): Promise<void> {
    const { unaccounted, failure, released, kept } = outcome;
    const why =
      failure === undefined
        ? `Aculab tel_delete_numbers answered ${outcome.status} without naming it among the numbers not deleted`
        : failure;
    try {
      const { gone } = await this.listings.lookUp(unaccounted);
      for (const n of unaccounted) {
        if (gone.includes(n)) released.add(n);
        else kept.set(n, { description: `${why}, and the account still lists it` });
      }
    } catch (error) {
      const listing = errorMessage(error);
      for (const n of unaccounted) {
        kept.set(n, {
          description: `${why}, and whether it is still owned could not be checked (${listing})`,
        });
      }
    }
  }
}
