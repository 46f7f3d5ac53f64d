import { AculabClient, ListedNumbers } from "../client";
import { defaultTuning, NumberAccount } from "./account";

// How NumberAccount groups the engine's concurrent operations into few Aculab calls, with the
// clock under the test's control (jest's fake timers): no outcome here depends on how fast the
// machine runs. The host-level counts (test/performance/callCounts.test.ts) build on these.

const milton = {
  country: "United Kingdom",
  region: "Milton Keynes",
  didType: "geographic" as const,
};

/** A stand-in for Aculab that records each call and answers at once (or when the test says). */
function fakeAculab() {
  const deletes: string[][] = [];
  const purchases: number[] = [];
  const listed: ListedNumbers = {};
  let next = 1;
  let gate: Promise<void> = Promise.resolve();
  const client = {
    async deleteNumbers({ numbers }: { numbers: string[] }) {
      deletes.push([...numbers]);
      return { status: "OK" };
    },
    async purchaseNumbers({ quantity }: { quantity: number }) {
      purchases.push(quantity);
      await gate;
      const numbers = Array.from(
        { length: quantity },
        () => `4419085380${String(next++).padStart(2, "0")}`,
      );
      for (const number of numbers) {
        listed[number] = { number, ...milton, monthlyPrice: 3, purchased: "2025-03-14" };
      }
      return numbers;
    },
    async listNumbers() {
      return { ...listed };
    },
  } as unknown as AculabClient;
  return {
    client,
    deletes,
    purchases,
    /** Holds every purchase answer until the returned function is called. */
    hold(): () => void {
      let open!: () => void;
      gate = new Promise((resolve) => (open = resolve));
      return open;
    },
  };
}

describe("release batching, on a clock the test moves", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it("releases arriving within batchWindowMs of each other share one call: each arrival restarts the window", async () => {
    const aculab = fakeAculab();
    const account = new NumberAccount(aculab.client, false, defaultTuning);
    const outcomes = [account.release(["a"])];
    await jest.advanceTimersByTimeAsync(defaultTuning.batchWindowMs - 1);
    outcomes.push(account.release(["b"]));
    await jest.advanceTimersByTimeAsync(defaultTuning.batchWindowMs - 1);
    outcomes.push(account.release(["c", "d"]));
    expect(aculab.deletes).toEqual([]);
    await jest.advanceTimersByTimeAsync(defaultTuning.batchWindowMs);
    expect(aculab.deletes).toEqual([["a", "b", "c", "d"]]);
    expect(await Promise.all(outcomes)).toEqual([
      { released: ["a"], kept: {} },
      { released: ["b"], kept: {} },
      { released: ["c", "d"], kept: {} },
    ]);
  });

  it("a batch whose releases keep arriving closes batchMaxWaitMs after its first; later ones start the next", async () => {
    const aculab = fakeAculab();
    const account = new NumberAccount(aculab.client, false, defaultTuning);
    const step = defaultTuning.batchWindowMs - 1;
    const outcomes: Array<Promise<unknown>> = [];
    // One release every 9 ms: t = 0, 9, ..., 45 fall within the 50 ms cap, t = 54 after it.
    for (let i = 0; i * step < defaultTuning.batchMaxWaitMs; i++) {
      outcomes.push(account.release([`n${i}`]));
      await jest.advanceTimersByTimeAsync(step);
    }
    outcomes.push(account.release(["late"]));
    await jest.advanceTimersByTimeAsync(defaultTuning.batchWindowMs);
    expect(aculab.deletes).toEqual([["n0", "n1", "n2", "n3", "n4", "n5"], ["late"]]);
    await Promise.all(outcomes);
  });

  it("a full batch (releaseBatchSize) goes at once with all that is pending, without waiting for the window", async () => {
    const aculab = fakeAculab();
    const account = new NumberAccount(aculab.client, false, {
      ...defaultTuning,
      releaseBatchSize: 3,
    });
    const outcomes = [account.release(["a", "b"]), account.release(["c", "d"])];
    // The fourth number fills the batch: everything pending goes now, in batches of at most 3.
    await jest.advanceTimersByTimeAsync(0);
    expect(aculab.deletes).toEqual([["a", "b", "c"], ["d"]]);
    await Promise.all(outcomes);
  });
});

describe("purchase coalescing, ordered by events the test controls", () => {
  const buy = (account: NumberAccount, allowPartial = false) =>
    account.purchase({ location: milton, settings: {}, quantity: 1, allowPartial });

  it("purchases asked for together at one location share one tel_purchase, one number each", async () => {
    const aculab = fakeAculab();
    const account = new NumberAccount(aculab.client, false, { ...defaultTuning, listingPollMs: 1 });
    const bought = await Promise.all(Array.from({ length: 10 }, () => buy(account)));
    expect(aculab.purchases).toEqual([10]);
    expect(new Set(bought.flat().map((n) => n.number)).size).toBe(10);
  });

  it("purchases asked for while one is in flight at that location wait for it, then share the next call", async () => {
    const aculab = fakeAculab();
    const account = new NumberAccount(aculab.client, false, { ...defaultTuning, listingPollMs: 1 });
    const open = aculab.hold();
    const first = buy(account);
    // Until tel_purchase has been asked for, later purchases would join the first call.
    while (aculab.purchases.length === 0) await new Promise((resolve) => setImmediate(resolve));
    const later = Array.from({ length: 5 }, () => buy(account));
    open();
    const bought = await Promise.all([first, ...later]);
    expect(aculab.purchases).toEqual([1, 5]);
    expect(new Set(bought.flat().map((n) => n.number)).size).toBe(6);
  });
});
