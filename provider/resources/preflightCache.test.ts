import { AculabClient, AculabError } from "../client";
import { PreflightCache } from "./preflightCache";

const refusal = (status: number, outcome: "rejected" | "unknown") =>
  new AculabError({
    service: "tel_get_supported_regions",
    status,
    code: "0001",
    text: "no",
    outcome,
  });

/** A preflight cache on a stand-in for Aculab that answers regions from `answers` in turn. */
function cacheAnswering(answers: Array<string[] | AculabError>) {
  const asked: string[] = [];
  const client = {
    async getSupportedRegions({ country }: { country: string }) {
      asked.push(country);
      const answer = answers[Math.min(asked.length, answers.length) - 1];
      if (answer instanceof AculabError) throw answer;
      return answer;
    },
    async purchaseNumbersDevelopment() {
      asked.push("dry run");
      return [];
    },
  } as unknown as AculabClient;
  return { cache: new PreflightCache(client), asked };
}

describe("the preflight cache an account owns", () => {
  it("asks for a list once; a refusal is kept too", async () => {
    const { cache, asked } = cacheAnswering([refusal(400, "rejected"), ["Milton Keynes"]]);
    expect(await cache.regions("Narnia", undefined, "geographic")).toBeUndefined();
    expect(await cache.regions("Narnia", undefined, "geographic")).toBeUndefined();
    expect(asked).toEqual(["Narnia"]);
  });

  it("a failure to get an answer is not kept: the next check asks again", async () => {
    const { cache, asked } = cacheAnswering([refusal(503, "unknown"), ["Milton Keynes"]]);
    expect(await cache.regions("United Kingdom", undefined, "geographic")).toBeUndefined();
    expect(await cache.regions("United Kingdom", undefined, "geographic")).toEqual([
      "Milton Keynes",
    ]);
    expect(asked).toEqual(["United Kingdom", "United Kingdom"]);
  });

  it("a refusal of the credentials (401) is thrown, never taken for an answer", async () => {
    const { cache } = cacheAnswering([refusal(401, "rejected")]);
    await expect(cache.regions("United Kingdom", undefined, "geographic")).rejects.toThrow(
      "HTTP 401",
    );
  });

  it("resources with the same purchase share one dry run", async () => {
    const { cache, asked } = cacheAnswering([]);
    const location = {
      country: "United Kingdom",
      region: "Milton Keynes",
      didType: "geographic" as const,
    };
    const params = {
      country: "United Kingdom",
      region: "Milton Keynes",
      didType: "geographic" as const,
      quantity: 1,
    };
    const refused = async () => ({ failures: [], location });
    const [first, second] = await Promise.all([
      cache.dryRun(params, location, refused),
      cache.dryRun(params, location, refused),
    ]);
    expect(first).toBe(second);
    expect(first).toEqual({ failures: [], location });
    expect(asked).toEqual(["dry run"]);
  });
});
