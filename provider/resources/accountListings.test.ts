import { AculabClient, AculabError, ListedNumbers, silentLogger } from "../client";
import { RecordingLogger } from "../../test/support/recordingLogger";
import { AccountListings } from "./accountListings";
import { defaultTuning } from "./accountTuning";
import { systemClock } from "./clock";
import { memoryCommandListings } from "./commandListings";

const milton = {
  country: "United Kingdom",
  region: "Milton Keynes",
  didType: "geographic" as const,
};

/** A number the account owns at Milton Keynes, as tel_list_numbers answers it. */
const owned = (number: string) => ({
  number,
  ...milton,
  monthlyPrice: 3,
  purchased: "2025-03-14",
});
/** A listing of the account's two numbers. */
const both = { "441908538001": owned("441908538001"), "441908538002": owned("441908538002") };

/** This process bought nothing: every number a listing lacks is in question. */
const nothingBought = () => false;

// Issue 20: `{}` is the reference's answer for an account without numbers, so one answer that
// lists nothing (or less than it should) must never be taken as proof that numbers are gone.
describe("lookUp: a number is gone only when two listings in a row lack it", () => {
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
    const account = new AccountListings(client, defaultTuning, systemClock, nothingBought, logger);
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
    const account = new AccountListings(
      client,
      defaultTuning,
      systemClock,
      nothingBought,
      silentLogger,
    );
    await expect(account.lookUp(["441908538001"])).rejects.toThrow("tel_list_numbers");
  });
});

// A `pulumi refresh` without --skip-preview reads every resource twice, in two provider processes
// (the preview's, then the update's): the update reads what the preview listed, under the same
// rule of two listings in a row.
describe("a refresh's preview and update processes share the command's listings", () => {
  const first = { "441908538001": both["441908538001"] };

  /** Two processes of one command: each its own listings and client, one shared store. */
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
      new AccountListings(client, defaultTuning, systemClock, nothingBought, silentLogger, store);
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
