import { OwnedNumber } from "./accountListings";
import { PurchaseShortfallError, UnmanagedNumbersError } from "./errors";
import { readPurchaseAnswer } from "./purchaseAnswer";
import { PendingPurchase, shareOut, takeBatch } from "./purchaseShares";

const milton = {
  country: "United Kingdom",
  region: "Milton Keynes",
  didType: "geographic" as const,
};
const owned = (number: string): OwnedNumber => ({
  number,
  ...milton,
  monthlyPrice: 3,
  purchased: "2025-03-14",
});

/** A request that records how it was settled. */
function request(name: string, quantity: number, allowPartial = false, settings = {}) {
  const settled: { name: string; numbers?: string[]; error?: unknown } = { name };
  const pending: PendingPurchase = {
    location: milton,
    settings,
    quantity,
    allowPartial,
    resolve: (numbers) => (settled.numbers = numbers.map((n) => n.number)),
    reject: (error) => (settled.error = error),
  };
  return { pending, settled };
}

describe("takeBatch", () => {
  it("joins the first request with every later one of its kind and settings, leaving the rest queued in order", () => {
    const queue = [
      request("single", 1),
      request("block", 3),
      request("partial block", 2, true),
      request("other settings", 1, false, { basedOn: "x" }),
      request("block 2", 2),
    ].map((r) => r.pending);
    const names = (batch: PendingPurchase[]) =>
      batch.map((p) => `${p.quantity}${p.allowPartial ? "p" : ""}`);
    expect(names(takeBatch(queue))).toEqual(["1", "2p"]);
    expect(names(queue)).toEqual(["3", "1", "2"]);
    expect(names(takeBatch(queue))).toEqual(["3", "2"]);
    expect(names(takeBatch(queue))).toEqual(["1"]);
    expect(queue).toEqual([]);
  });
});

describe("shareOut", () => {
  it("hands the numbers out in order; a request left short is refused with what it got", () => {
    const [a, b, c] = [request("a", 2), request("b", 2, true), request("c", 1)];
    shareOut([a.pending, b.pending, c.pending], ["1", "2", "3"].map(owned), milton);
    expect(a.settled).toEqual({ name: "a", numbers: ["1", "2"] });
    expect(b.settled).toEqual({ name: "b", numbers: ["3"] });
    expect(c.settled.error).toEqual(
      new PurchaseShortfallError(
        "Aculab had no number left to sell at Milton Keynes, United Kingdom (geographic)",
        [],
      ),
    );
  });

  it("an answer that named a number twice is why a request is short; the last request carries the unmanaged note", () => {
    const [a, b] = [request("a", 1), request("b", 2)];
    const answer = readPurchaseAnswer(["441908538001", "441908538001"]);
    shareOut([a.pending, b.pending], [owned("441908538001")], milton, {
      answer,
      unmanaged: "note",
    });
    expect(a.settled).toEqual({ name: "a", numbers: ["441908538001"] });
    const error = b.settled.error as PurchaseShortfallError;
    expect([error.message, error.bought, error.unmanaged]).toEqual([
      "Aculab's tel_purchase answer at Milton Keynes, United Kingdom (geographic) left no number for this " +
        "resource (2 asked for) (it named 441908538001 more than once, and each number counts once)",
      [],
      "note",
    ]);
  });

  it("a request given all it asked for still fails with the unmanaged note, keeping its numbers", () => {
    const a = request("a", 1);
    shareOut([a.pending], [owned("1")], milton, { unmanaged: "note" });
    expect(a.settled.error).toBeInstanceOf(UnmanagedNumbersError);
    expect((a.settled.error as UnmanagedNumbersError).bought).toEqual([owned("1")]);
  });
});
