import { fakeClock } from "../../test/support/fakeClock";
import { ListedNumbers } from "../client";
import { Attempt, watchPurchase, WatchSources } from "./purchaseWatch";

const milton = {
  country: "United Kingdom",
  region: "Milton Keynes",
  didType: "geographic" as const,
};
const listing = (...numbers: string[]): ListedNumbers =>
  Object.fromEntries(
    numbers.map((number) => [
      number,
      { number, ...milton, monthlyPrice: 3, purchased: "2025-03-14" },
    ]),
  );
const attempt: Attempt = {
  excluded: ["441908538001"],
  asked: 1,
  attemptedAt: "2025-03-14T12:00:00.000Z",
  windowEnd: "2025-03-14T12:00:15.000Z",
};
/** After the window: the first listing read is complete. */
const AFTER = Date.parse("2025-03-14T12:01:00.000Z");

function sources(
  answers: Array<ListedNumbers | Error>,
  holders: Record<string, string> = {},
): WatchSources & { time: ReturnType<typeof fakeClock>; listings: () => number } {
  const time = fakeClock();
  let asked = 0;
  return {
    time,
    listings: () => asked,
    async freshListing() {
      const answer = answers[Math.min(asked++, answers.length - 1)];
      if (answer instanceof Error) throw answer;
      return answer;
    },
    wasBoughtHere: (n) => n === "441908538009",
    holderOf: (n) => holders[n],
    clock: time.clock,
    windowClock: () => AFTER,
    listingWaitMs: 15_000,
    listingPollMs: 500,
  };
}

describe("watching a purchase whose answer was lost, on clocks the test holds", () => {
  it("read after its window: exactly as many new numbers as it asked for are what it bought", async () => {
    const watch = sources([listing("441908538001", "441908538002", "441908538009")]);
    expect(await watchPurchase(watch, milton, attempt)).toEqual({
      kind: "bought",
      numbers: [listing("441908538002")["441908538002"]],
    });
    expect(watch.listings()).toBe(1);
  });

  it("nothing new but a number another resource holds: nothing was bought", async () => {
    const watch = sources([listing("441908538001", "441908538003")], {
      "441908538003": 'InboundNumber "other"',
    });
    expect(await watchPurchase(watch, milton, attempt)).toEqual({
      kind: "none",
      seen: ["441908538003"],
    });
  });

  it("more new numbers than it asked for: unsure, naming them", async () => {
    const watch = sources([listing("441908538002", "441908538003")]);
    expect(await watchPurchase(watch, milton, attempt)).toMatchObject({
      kind: "unsure",
      candidates: ["441908538002", "441908538003"],
      seen: ["441908538002", "441908538003"],
    });
  });

  it("listings that keep failing, polled every listingPollMs until listingWaitMs: unlisted", async () => {
    const failure = new Error("tel_list_numbers failed");
    const watch = sources([failure]);
    const watched = watchPurchase(watch, milton, attempt);
    await watch.time.advance(14_999);
    expect(watch.listings()).toBe(30);
    await watch.time.advance(1);
    expect(watch.listings()).toBe(30);
    expect(await watched).toEqual({ kind: "unlisted", error: failure, seen: undefined });
  });
});
