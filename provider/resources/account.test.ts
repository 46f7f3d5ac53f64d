import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { AculabClient, AculabError, ListedNumbers, silentLogger } from "../client";
import { RecordingLogger } from "../../test/support/recordingLogger";
import { defaultTuning, NumberAccount } from "./account";
import { fileCommandListings, memoryCommandListings, pulumiCommandId } from "./commandListings";

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

describe("gathering releases, on a clock the test moves", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it("releases arriving while the engine keeps calling share one call, sent once the engine has been quiet for the window", async () => {
    const aculab = fakeAculab();
    const account = new NumberAccount(aculab.client, false, fixedWindow);
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
    const aculab = fakeAculab();
    const account = new NumberAccount(aculab.client, false, fixedWindow);
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
    const aculab = fakeAculab();
    const account = new NumberAccount(aculab.client, false, {
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
    const aculab = fakeAculab();
    const account = new NumberAccount(aculab.client, false, fixedWindow);
    const first = ["a", "b", "c"].map((n) => account.release([n]));
    await jest.advanceTimersByTimeAsync(100);
    await Promise.all(first);
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

  it("a later wave not yet complete waits batchWindowMaxMs for the engine's stragglers, then goes as it is", async () => {
    const aculab = fakeAculab();
    const account = new NumberAccount(aculab.client, false, {
      ...fixedWindow,
      batchWindowMs: 100,
      batchWindowMaxMs: 1_000,
    });
    const first = ["a", "b", "c"].map((n) => account.release([n]));
    await jest.advanceTimersByTimeAsync(100);
    await Promise.all(first);
    // Two of the three the engine ran at once: a pause of 999 ms (a stalled machine) does not end it.
    const second = ["d", "e"].map((n) => account.release([n]));
    await jest.advanceTimersByTimeAsync(999);
    expect(aculab.deletes).toEqual([["a", "b", "c"]]);
    await jest.advanceTimersByTimeAsync(1);
    expect(aculab.deletes).toEqual([
      ["a", "b", "c"],
      ["d", "e"],
    ]);
    await Promise.all(second);
  });

  it("the last wave of an up goes after the first wave's window once every purchase the checks announced has arrived", async () => {
    const tuning = { ...fixedWindow, batchWindowMs: 100, batchWindowMaxMs: 1_000 };
    const buyOne = (account: NumberAccount) =>
      account.purchase({ location: milton, settings: {}, quantity: 1, allowPartial: false });
    const waves = async (announced: number) => {
      const aculab = fakeAculab();
      const account = new NumberAccount(aculab.client, false, tuning);
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
    const aculab = fakeAculab();
    const account = new NumberAccount(aculab.client, false, {
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
    const aculab = fakeAculab();
    const account = new NumberAccount(aculab.client, false, tuning);
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
    const aculab = fakeAculab();
    const account = new NumberAccount(aculab.client, false, {
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

  const block = (account: NumberAccount, quantity: number) =>
    account.purchase({ location: milton, settings: {}, quantity, allowPartial: false });

  it("blocks that need all their numbers share one all-or-nothing tel_purchase", async () => {
    const aculab = fakeAculab();
    const account = new NumberAccount(aculab.client, false, { ...defaultTuning, listingPollMs: 1 });
    const bought = await Promise.all([block(account, 3), block(account, 2), block(account, 4)]);
    expect(aculab.purchases).toEqual([9]);
    expect(aculab.allowPartial).toEqual([undefined]);
    expect(bought.map((numbers) => numbers.length)).toEqual([3, 2, 4]);
    expect(new Set(bought.flat().map((n) => n.number)).size).toBe(9);
  });

  it("when Aculab refuses the shared call, each block is asked for alone: those it can sell are bought", async () => {
    const aculab = fakeAculab();
    aculab.setStock(5);
    const account = new NumberAccount(aculab.client, false, { ...defaultTuning, listingPollMs: 1 });
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

// Issue 20: `{}` is the reference's answer for an account without numbers, so one answer that
// lists nothing (or less than it should) must never be taken as proof that numbers are gone.
describe("lookUp: a number is gone only when two listings in a row lack it", () => {
  const owned = (number: string) => ({
    number,
    ...milton,
    monthlyPrice: 3,
    purchased: "2025-03-14",
  });
  const both = { "441908538001": owned("441908538001"), "441908538002": owned("441908538002") };

  /** Answers tel_list_numbers from `answers` in turn, the last one ever after. */
  function listingAculab(answers: ListedNumbers[]) {
    const asked: number[] = [];
    const client = {
      async listNumbers() {
        asked.push(asked.length + 1);
        return { ...answers[Math.min(asked.length, answers.length) - 1] };
      },
    } as unknown as AculabClient;
    const logger = new RecordingLogger();
    const account = new NumberAccount(client, false, defaultTuning, Date.now, logger);
    return { account, asked, logger };
  }

  it("an empty answer ({}) followed by a listing of the numbers drops none, says so once, and asks no more", async () => {
    const { account, asked, logger } = listingAculab([{}, both]);
    const [first, second] = await Promise.all([
      account.lookUp(["441908538001"]),
      account.lookUp(["441908538002"]),
    ]);
    expect(first).toEqual({
      listed: { "441908538001": both["441908538001"] },
      unlisted: [],
      gone: [],
    });
    expect(second).toEqual({
      listed: { "441908538002": both["441908538002"] },
      unlisted: [],
      gone: [],
    });
    expect(asked).toEqual([1, 2]);
    expect(logger.warnings()).toEqual([
      "aculab: tel_list_numbers answered an empty listing ({}), and the listing asked for right after it lists " +
        "2 numbers that one lacked (441908538001, 441908538002): the numbers state holds among them stay there. " +
        "A number leaves state only when two listings in a row lack it; nothing leaves state on one listing.",
    ]);
  });

  it("numbers two listings in a row lack are gone; one the first listed and the second lacks is not yet", async () => {
    const { account, asked, logger } = listingAculab([
      both,
      { "441908538001": both["441908538001"] },
    ]);
    expect(await account.lookUp(["441908538001", "441908538002", "441908538003"])).toEqual({
      listed: both,
      unlisted: [],
      gone: ["441908538003"],
    });
    expect(asked).toEqual([1, 2]);
    expect(logger.warnings()).toEqual([]);
    const { account: emptied } = listingAculab([{}]);
    expect(await emptied.lookUp(["441908538001"])).toEqual({
      listed: {},
      unlisted: [],
      gone: ["441908538001"],
    });
  });

  it("a listing shared from before the lookup began is confirmed by one asked for after it began", async () => {
    const { account, asked } = listingAculab([both]);
    expect((await account.lookUp(["441908538001"])).gone).toEqual([]);
    expect(asked).toEqual([1]);
    expect(await account.lookUp(["441908538001", "441908538003"])).toEqual({
      listed: { "441908538001": both["441908538001"] },
      unlisted: [],
      gone: ["441908538003"],
    });
    expect(asked).toEqual([1, 2]);
  });

  it("a lookup whose numbers the listing holds asks once", async () => {
    const { account, asked } = listingAculab([both, {}]);
    expect((await account.lookUp(["441908538001", "441908538002"])).gone).toEqual([]);
    expect(asked).toEqual([1]);
  });

  it("a confirming listing that fails fails the lookup: nothing is called gone", async () => {
    let calls = 0;
    const client = {
      async listNumbers() {
        if (++calls === 1) return {};
        throw new AculabError({
          service: "tel_list_numbers",
          status: 503,
          code: "0503",
          text: "Service unavailable",
          outcome: "unknown",
        });
      },
    } as unknown as AculabClient;
    const account = new NumberAccount(client, false, defaultTuning, Date.now, silentLogger);
    await expect(account.lookUp(["441908538001"])).rejects.toThrow("tel_list_numbers");
  });
});

// A `pulumi refresh` without --skip-preview reads every resource twice, in two provider processes
// (the preview's, then the update's): the update reads what the preview listed, under the same
// rule of two listings in a row.
describe("a refresh's preview and update processes share the command's listings", () => {
  const owned = (number: string) => ({
    number,
    ...milton,
    monthlyPrice: 3,
    purchased: "2025-03-14",
  });
  const both = { "441908538001": owned("441908538001"), "441908538002": owned("441908538002") };
  const first = { "441908538001": both["441908538001"] };

  /** Two processes of one command: each its own NumberAccount and client, one shared store. */
  function command(answers: ListedNumbers[]) {
    let asked = 0;
    const client = {
      async listNumbers() {
        asked++;
        return { ...answers[Math.min(asked, answers.length) - 1] };
      },
    } as unknown as AculabClient;
    const store = memoryCommandListings();
    const process = () =>
      new NumberAccount(client, false, defaultTuning, Date.now, silentLogger, store);
    return { process, asked: () => asked };
  }

  it("everything found: the preview lists once, the update asks nothing", async () => {
    const run = command([both]);
    const preview = run.process();
    const reads = ["441908538001", "441908538002"];
    for (const n of reads) {
      expect(await preview.lookUp([n], { refresh: true })).toEqual({
        listed: { [n]: both[n as keyof typeof both] },
        unlisted: [],
        gone: [],
      });
    }
    expect(run.asked()).toBe(1);
    const update = run.process();
    expect(await update.lookUp(reads, { refresh: true })).toEqual({
      listed: both,
      unlisted: [],
      gone: [],
    });
    expect(run.asked()).toBe(1);
  });

  it("a number gone outside: the preview's two listings in a row prove it, the update asks nothing", async () => {
    const run = command([first, first]);
    const preview = run.process();
    expect(await preview.lookUp(["441908538002"], { refresh: true })).toEqual({
      listed: {},
      unlisted: [],
      gone: ["441908538002"],
    });
    expect(run.asked()).toBe(2);
    const update = run.process();
    expect(await update.lookUp(["441908538001", "441908538002"], { refresh: true })).toEqual({
      listed: first,
      unlisted: [],
      gone: ["441908538002"],
    });
    expect(run.asked()).toBe(2);
  });

  it("a number only the earlier shared listing holds is listed again by the update: one listing lacking it proves nothing", async () => {
    const run = command([both, first, both]);
    const preview = run.process();
    // The second listing of the preview is asked for only because its first is a stale snapshot.
    expect(await preview.lookUp(["441908538001"], { refresh: true })).toMatchObject({ gone: [] });
    await preview.lookUp(["441908538003"], { refresh: true });
    expect(run.asked()).toBe(2);
    const update = run.process();
    expect(await update.lookUp(["441908538002"], { refresh: true })).toEqual({
      listed: { "441908538002": both["441908538002"] },
      unlisted: [],
      gone: [],
    });
    expect(run.asked()).toBe(3);
  });

  it("the update's lookups for anything but a refresh never take another process's listing", async () => {
    const run = command([both]);
    await run.process().lookUp(["441908538001"], { refresh: true });
    expect(run.asked()).toBe(1);
    await run.process().lookUp(["441908538001"]);
    expect(run.asked()).toBe(2);
  });
});

describe("the command's listings on disk", () => {
  const listing = (askedAt: number) => ({
    askedAt,
    answeredAt: askedAt + 1,
    listed: {
      "441908538001": {
        number: "441908538001",
        ...milton,
        monthlyPrice: 3,
        purchased: "2025-03-14",
      },
    },
  });

  it("a second process of the same command and account reads the last two listings, oldest first; another command or account reads none", () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "aculab-command-"));
    try {
      const preview = fileCommandListings("4242:1234", "account", folder);
      for (const at of [30, 10, 20]) preview.record(listing(at));
      expect(fileCommandListings("4242:1234", "account", folder).load()).toEqual([
        listing(20),
        listing(30),
      ]);
      expect(fileCommandListings("4242:9999", "account", folder).load()).toEqual([]);
      expect(fileCommandListings("4242:1234", "other", folder).load()).toEqual([]);
      const [file] = fs.readdirSync(folder);
      expect(fs.statSync(path.join(folder, file)).mode & 0o777).toBe(0o600);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it("a folder others may enter, or a link, is never read or written: a planted listing could drop numbers from state", () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), "aculab-command-"));
    try {
      const open = path.join(parent, "open");
      fs.mkdirSync(open, { mode: 0o700 });
      fileCommandListings("4242:1234", "account", open).record(listing(10));
      const [file] = fs.readdirSync(open);
      fs.chmodSync(open, 0o755);
      expect(fileCommandListings("4242:1234", "account", open).load()).toEqual([]);
      fileCommandListings("4242:1234", "account", open).record(listing(20));
      expect(JSON.parse(fs.readFileSync(path.join(open, file), "utf8"))).toEqual([listing(10)]);

      const link = path.join(parent, "link");
      fs.chmodSync(open, 0o700);
      fs.symlinkSync(open, link);
      expect(fileCommandListings("4242:1234", "account", link).load()).toEqual([]);
      expect(fileCommandListings("4242:1234", "account", open).load()).toEqual([listing(10)]);
    } finally {
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });

  it("the pulumi command is the nearest ancestor named pulumi, with its start time", () => {
    const proc = fs.mkdtempSync(path.join(os.tmpdir(), "aculab-proc-"));
    const stat = (pid: number, comm: string, ppid: number, start: number) => {
      fs.mkdirSync(path.join(proc, String(pid)));
      const fields = ["S", String(ppid), ...Array.from({ length: 17 }, () => "0"), String(start)];
      fs.writeFileSync(
        path.join(proc, String(pid), "stat"),
        `${pid} (${comm}) ${fields.join(" ")} 0 0\n`,
      );
    };
    try {
      stat(300, "sh", 200, 77);
      stat(200, "pulumi", 100, 55);
      stat(100, "bash (login)", 1, 11);
      expect(pulumiCommandId(300, proc)).toBe("200:55");
      expect(pulumiCommandId(100, proc)).toBeUndefined();
      expect(pulumiCommandId(999, proc)).toBeUndefined();
    } finally {
      fs.rmSync(proc, { recursive: true, force: true });
    }
  });
});
