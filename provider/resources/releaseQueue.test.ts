import { AculabClient, AculabError, ListedNumbers, silentLogger } from "../client";
import { AccountListings } from "./accountListings";
import { defaultTuning } from "./accountTuning";
import { ClaimRegistry } from "./claims";
import { systemClock } from "./clock";
import { ReleaseQueue } from "./releaseQueue";

const milton = {
  country: "United Kingdom",
  region: "Milton Keynes",
  didType: "geographic" as const,
};

/** A release queue on a stand-in for Aculab: `answer` answers tel_delete_numbers, `listed` lists. */
function releaseQueue(answer: () => Promise<unknown>, listed: ListedNumbers = {}, batchSize = 100) {
  const deletes: string[][] = [];
  const client = {
    async deleteNumbers({ numbers }: { numbers: string[] }) {
      deletes.push(numbers);
      return answer();
    },
    async listNumbers() {
      return { ...listed };
    },
  } as unknown as AculabClient;
  const claims = new ClaimRegistry();
  const listings = new AccountListings(
    client,
    defaultTuning,
    systemClock,
    (n) => claims.wasBoughtHere(n),
    silentLogger,
  );
  return { queue: new ReleaseQueue(client, batchSize, listings, claims), claims, deletes };
}

describe("the release queue", () => {
  it("sends what was gathered in one call; 0300 counts as released, another code keeps the number", async () => {
    const { queue, claims, deletes } = releaseQueue(async () => ({
      status: "PARTIAL",
      numbers: {
        b: { code: "0300", description: "not yours" },
        c: { code: "0200", description: "no" },
      },
    }));
    claims.claim(["b"], "holder");
    const outcome = queue.add(["b", "c"]);
    expect(queue.waiting).toBe(true);
    queue.flush();
    expect(queue.waiting).toBe(false);
    expect(await outcome).toEqual({
      released: ["b"],
      kept: { c: { code: "0200", description: "no" } },
    });
    expect(deletes).toEqual([["b", "c"]]);
    expect(claims.holderOf("b")).toBeUndefined();
  });

  it("a full call goes at once; the rest waits for the flush", async () => {
    const { queue, deletes } = releaseQueue(async () => ({ status: "OK" }), {}, 2);
    const outcome = queue.add(["a", "b", "c"]);
    expect(deletes).toEqual([["a", "b"]]);
    queue.flush();
    expect(await outcome).toEqual({ released: ["a", "b", "c"], kept: {} });
    expect(deletes).toEqual([["a", "b"], ["c"]]);
  });

  it("a call that may have been carried out releases only what two listings in a row lack", async () => {
    const listed = { b: { number: "b", ...milton, monthlyPrice: 3, purchased: "2025-03-14" } };
    const { queue } = releaseQueue(async () => {
      throw new AculabError({
        service: "tel_delete_numbers",
        status: 503,
        code: "0503",
        text: "Service unavailable",
        outcome: "unknown",
      });
    }, listed);
    const outcome = queue.add(["a", "b"]);
    queue.flush();
    const failure =
      "Aculab tel_delete_numbers failed (HTTP 503): [0503] Service unavailable. " +
      "The request may have reached Aculab and been carried out.";
    expect(await outcome).toMatchObject({
      released: ["a"],
      kept: { b: { description: `${failure}, and the account still lists it` } },
      failure,
    });
  });
});
