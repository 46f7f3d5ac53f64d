import { AculabClient, AculabError, ListedNumbers } from "../client";
import { AccountTuning, defaultTuning, NumberAccount } from "./account";

// How NumberAccount groups the engine's concurrent operations into few Aculab calls, with the
// clock under the test's control (jest's fake timers): no outcome here depends on how fast the
// machine runs. The counts through the real engine (test/engine/callCounts.test.ts) build on these.

const milton = {
  country: "United Kingdom",
  region: "Milton Keynes",
  didType: "geographic" as const,
};

/** A stand-in for Aculab that records each call and answers at once (or when the test says). */
function fakeAculab() {
  const deletes: string[][] = [];
  const purchases: number[] = [];
  const allowPartial: Array<boolean | undefined> = [];
  const listed: ListedNumbers = {};
  let next = 1;
  let gate: Promise<void> = Promise.resolve();
  /** Numbers left to sell: a purchase of more without allow_partial is refused, as Aculab does. */
  let stock = Infinity;
  const client = {
    async deleteNumbers({ numbers }: { numbers: string[] }) {
      deletes.push([...numbers]);
      return { status: "OK" };
    },
    async purchaseNumbers(params: { quantity: number; allowPartial?: boolean }) {
      purchases.push(params.quantity);
      allowPartial.push(params.allowPartial);
      await gate;
      if (params.quantity > stock && !params.allowPartial) {
        throw new AculabError({
          service: "tel_purchase",
          status: 400,
          code: "0005",
          text: "Not enough numbers available",
          outcome: "rejected",
        });
      }
      const quantity = Math.min(params.quantity, stock);
      stock -= quantity;
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
    allowPartial,
    setStock(numbers: number) {
      stock = numbers;
    },
    /** Holds every purchase answer until the returned function is called. */
    hold(): () => void {
      let open!: () => void;
      gate = new Promise((resolve) => (open = resolve));
      return open;
    },
  };
}

/** A quiet window that does not grow with the engine's pace, and a cap far beyond it. */
const fixedWindow = {
  ...defaultTuning,
  batchWindowMs: 100,
  batchWindowMaxMs: 100,
  batchMaxWaitMs: 10_000,
};

/** The fixed window of 100 ms, allowed to grow to 1 s for the engine's stragglers. */
const windowUpTo1s = { ...fixedWindow, batchWindowMs: 100, batchWindowMaxMs: 1_000 };

/** Aculab's stand-in, and an account that calls it tuned with `tuning`. */
function accountWith(tuning: AccountTuning) {
  const aculab = fakeAculab();
  return { aculab, account: new NumberAccount(aculab.client, false, tuning) };
}

/** A first wave of three releases, gathered and answered: the engine runs three at once. */
async function firstWaveOfThree(account: NumberAccount): Promise<void> {
  const first = ["a", "b", "c"].map((n) => account.release([n]));
  await jest.advanceTimersByTimeAsync(100);
  await Promise.all(first);
}

describe("gathering releases, on a clock the test moves", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it("releases arriving while the engine keeps calling share one call, sent once the engine has been quiet for the window", async () => {
    const { aculab, account } = accountWith(fixedWindow);
    const outcomes = [account.release(["a"])];
    await jest.advanceTimersByTimeAsync(99);
    outcomes.push(account.release(["b"]));
    await jest.advanceTimersByTimeAsync(99);
    outcomes.push(account.release(["c", "d"]));
    await jest.advanceTimersByTimeAsync(99);
    expect(aculab.deletes).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(aculab.deletes).toEqual([["a", "b", "c", "d"]]);
    expect(await Promise.all(outcomes)).toEqual([
      { released: ["a"], kept: {} },
      { released: ["b"], kept: {} },
      { released: ["c", "d"], kept: {} },
    ]);
  });

  it("nothing is sent while a check's dry run is open: the engine sends the next operation only after that check", async () => {
    const { aculab, account } = accountWith(fixedWindow);
    account.checkStarted();
    const released = account.release(["a"]);
    await jest.advanceTimersByTimeAsync(5_000);
    expect(aculab.deletes).toEqual([]);
    account.checkFinished();
    const late = account.release(["b"]);
    await jest.advanceTimersByTimeAsync(99);
    expect(aculab.deletes).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(aculab.deletes).toEqual([["a", "b"]]);
    await Promise.all([released, late]);
  });

  it("a gathering the engine keeps feeding is sent batchMaxWaitMs after it began; later releases start the next", async () => {
    const { aculab, account } = accountWith({
      ...fixedWindow,
      batchMaxWaitMs: 1_000,
    });
    const outcomes: Array<Promise<unknown>> = [];
    // One release every 99 ms: t = 0, 99, ..., 990 fall within the 1 s cap, t = 1089 after it.
    for (let i = 0; i * 99 < 1_000; i++) {
      outcomes.push(account.release([`n${i}`]));
      await jest.advanceTimersByTimeAsync(99);
    }
    outcomes.push(account.release(["late"]));
    await jest.advanceTimersByTimeAsync(100);
    expect(aculab.deletes).toEqual([Array.from({ length: 11 }, (_, i) => `n${i}`), ["late"]]);
    await Promise.all(outcomes);
  });

  it("once a wave has shown how many operations the engine runs at once, the next is sent as soon as that many wait", async () => {
    const { aculab, account } = accountWith(fixedWindow);
    await firstWaveOfThree(account);
    // The engine starts the next operations as the first ones end: three again.
    const second = ["d", "e"].map((n) => account.release([n]));
    await jest.advanceTimersByTimeAsync(0);
    expect(aculab.deletes).toEqual([["a", "b", "c"]]);
    second.push(account.release(["f"]));
    await jest.advanceTimersByTimeAsync(0);
    expect(aculab.deletes).toEqual([
      ["a", "b", "c"],
      ["d", "e", "f"],
    ]);
    await Promise.all(second);
  });

  it("a later wave of releases not yet complete waits twice the quiet window for the engine's stragglers (it may be a destroy's last), then goes as it is", async () => {
    const { aculab, account } = accountWith(windowUpTo1s);
    await firstWaveOfThree(account);
    // Two of the three the engine ran at once: a pause of 199 ms (twice the window, a stalled
    // machine) does not end it; nothing announces a delete, so it does not wait batchWindowMaxMs.
    const second = ["d", "e"].map((n) => account.release([n]));
    await jest.advanceTimersByTimeAsync(199);
    expect(aculab.deletes).toEqual([["a", "b", "c"]]);
    await jest.advanceTimersByTimeAsync(1);
    expect(aculab.deletes).toEqual([
      ["a", "b", "c"],
      ["d", "e"],
    ]);
    await Promise.all(second);
  });

  it("once a short wave of releases proved not to be the last (more came), short waves wait batchWindowMaxMs again", async () => {
    const { aculab, account } = accountWith(windowUpTo1s);
    await firstWaveOfThree(account);
    // The engine stalled for 200 ms within the second wave: its two went alone...
    const second = ["d", "e"].map((n) => account.release([n]));
    await jest.advanceTimersByTimeAsync(200);
    await Promise.all(second);
    // ...and its third came after them, so this process now waits out such stalls.
    const third = [account.release(["f"])];
    await jest.advanceTimersByTimeAsync(999);
    expect(aculab.deletes).toEqual([
      ["a", "b", "c"],
      ["d", "e"],
    ]);
    await jest.advanceTimersByTimeAsync(1);
    expect(aculab.deletes).toEqual([["a", "b", "c"], ["d", "e"], ["f"]]);
    await Promise.all(third);
  });

  it("the last wave of an up goes after the first wave's window once every purchase the checks announced has arrived", async () => {
    const buyOne = (account: NumberAccount) =>
      account.purchase({ location: milton, settings: {}, quantity: 1, allowPartial: false });
    const waves = async (announced: number) => {
      const { aculab, account } = accountWith(windowUpTo1s);
      for (let i = 0; i < announced; i++) account.announcePurchase();
      const first = [buyOne(account), buyOne(account), buyOne(account)];
      await jest.advanceTimersByTimeAsync(100);
      await Promise.all(first);
      const last = [buyOne(account), buyOne(account)];
      await jest.advanceTimersByTimeAsync(100);
      const after100 = [...aculab.purchases];
      await jest.advanceTimersByTimeAsync(900);
      await Promise.all(last);
      return { after100, all: aculab.purchases };
    };
    // Five creates announced, five arrived: the wave of two is the last one.
    expect(await waves(5)).toEqual({ after100: [3, 2], all: [3, 2] });
    // Six announced: one more may come, so the wave waits batchWindowMaxMs for it.
    expect(await waves(6)).toEqual({ after100: [3], all: [3, 2] });
  });

  it("in a new process, once the engine's calls come 60 ms apart, a gap of 90 ms does not cut the gathering", async () => {
    const { aculab, account } = accountWith({
      ...defaultTuning,
      batchWindowMs: 75,
      batchWindowMaxMs: 1_000,
    });
    // As a destroy of 500 numbers hands over its first deletes: two at once, then some tens of ms
    // apart. The average of the gaps is still far below 75 ms; the longest seen is not.
    const outcomes = [account.release(["a"])];
    await jest.advanceTimersByTimeAsync(2);
    outcomes.push(account.release(["b"]));
    await jest.advanceTimersByTimeAsync(60);
    outcomes.push(account.release(["c"]));
    for (const n of ["d", "e"]) {
      await jest.advanceTimersByTimeAsync(90);
      outcomes.push(account.release([n]));
    }
    expect(aculab.deletes).toEqual([]);
    await jest.advanceTimersByTimeAsync(360);
    expect(aculab.deletes).toEqual([["a", "b", "c", "d", "e"]]);
    await Promise.all(outcomes);
  });

  it("the window grows to 4 times the engine's typical gap (a slower machine), up to batchWindowMaxMs", async () => {
    const tuning = { ...defaultTuning, batchWindowMs: 75, batchWindowMaxMs: 250 };
    // At first the window is the least one: a gap of 200 ms ends the gathering.
    const fresh = fakeAculab();
    const idle = new NumberAccount(fresh.client, false, tuning);
    const early = [idle.release(["a"])];
    await jest.advanceTimersByTimeAsync(200);
    early.push(idle.release(["b"]));
    await jest.advanceTimersByTimeAsync(250);
    expect(fresh.deletes).toEqual([["a"], ["b"]]);
    await Promise.all(early);
    // After ten calls 60 ms apart the window is about 4 x 55 ms: a gap of 200 ms no longer ends it.
    const { aculab, account } = accountWith(tuning);
    const outcomes: Array<Promise<unknown>> = [];
    for (let i = 0; i < 10; i++) {
      outcomes.push(account.release([`n${i}`]));
      await jest.advanceTimersByTimeAsync(60);
    }
    await jest.advanceTimersByTimeAsync(140);
    outcomes.push(account.release(["late"]));
    expect(account.quietWindowMs()).toBeGreaterThan(200);
    expect(account.quietWindowMs()).toBeLessThanOrEqual(250);
    await jest.advanceTimersByTimeAsync(250);
    expect(aculab.deletes).toEqual([[...Array.from({ length: 10 }, (_, i) => `n${i}`), "late"]]);
    await Promise.all(outcomes);
  });

  it("a full tel_delete_numbers call (releaseBatchSize) is sent at once; the rest waits for the window", async () => {
    const { aculab, account } = accountWith({
      ...fixedWindow,
      releaseBatchSize: 3,
    });
    const outcomes = [account.release(["a", "b"]), account.release(["c", "d"])];
    await jest.advanceTimersByTimeAsync(0);
    expect(aculab.deletes).toEqual([["a", "b", "c"]]);
    await jest.advanceTimersByTimeAsync(100);
    expect(aculab.deletes).toEqual([["a", "b", "c"], ["d"]]);
    await Promise.all(outcomes);
  });
});

describe("purchase coalescing, ordered by events the test controls", () => {
  const quickPolls = { ...defaultTuning, listingPollMs: 1 };
  const buy = (account: NumberAccount, allowPartial = false) =>
    account.purchase({ location: milton, settings: {}, quantity: 1, allowPartial });

  it("purchases asked for together at one location share one tel_purchase, one number each", async () => {
    const { aculab, account } = accountWith(quickPolls);
    const bought = await Promise.all(Array.from({ length: 10 }, () => buy(account)));
    expect(aculab.purchases).toEqual([10]);
    expect(new Set(bought.flat().map((n) => n.number)).size).toBe(10);
  });

  it("purchases asked for while one is in flight at that location wait for it, then share the next call", async () => {
    const { aculab, account } = accountWith(quickPolls);
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

  const block = (account: NumberAccount, quantity: number) =>
    account.purchase({ location: milton, settings: {}, quantity, allowPartial: false });

  it("blocks that need all their numbers share one all-or-nothing tel_purchase", async () => {
    const { aculab, account } = accountWith(quickPolls);
    const bought = await Promise.all([block(account, 3), block(account, 2), block(account, 4)]);
    expect(aculab.purchases).toEqual([9]);
    expect(aculab.allowPartial).toEqual([undefined]);
    expect(bought.map((numbers) => numbers.length)).toEqual([3, 2, 4]);
    expect(new Set(bought.flat().map((n) => n.number)).size).toBe(9);
  });

  it("when Aculab refuses the shared call, each block is asked for alone: those it can sell are bought", async () => {
    const { aculab, account } = accountWith(quickPolls);
    aculab.setStock(5);
    const outcomes = await Promise.allSettled([
      block(account, 3),
      block(account, 4),
      block(account, 2),
    ]);
    // 9 refused; then 3 bought, 4 refused (2 left), 2 bought.
    expect(aculab.purchases).toEqual([9, 3, 4, 2]);
    expect(
      outcomes.map((o) => (o.status === "fulfilled" ? o.value.length : o.reason.message)),
    ).toEqual([
      3,
      "Aculab tel_purchase failed (HTTP 400): [0005] Not enough numbers available.",
      2,
    ]);
  });
});
