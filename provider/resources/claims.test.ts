import { ClaimRegistry, NumberClaimedError } from "./claims";

describe("the claims registry", () => {
  it("an adoption of a number another resource holds fails naming both, and claims none of its numbers", () => {
    const claims = new ClaimRegistry();
    claims.claim(["1"], 'InboundNumber "a"', "bought");
    expect(() => claims.claim(["2", "1"], 'InboundNumber "b"')).toThrow(
      new NumberClaimedError(
        'number 1 is already held by InboundNumber "a" in this deployment, so InboundNumber "b" cannot adopt it too: ' +
          'one number belongs to one resource (remove `number` from one of them, or delete InboundNumber "a" first)',
        "1",
        'InboundNumber "a"',
      ),
    );
    expect([claims.holderOf("1"), claims.holderOf("2")]).toEqual(['InboundNumber "a"', undefined]);
  });

  it("bought and refreshed claims never take a number from its holder; only an adoption counts as adopted here", () => {
    const claims = new ClaimRegistry();
    claims.claim(["1"], "adopter");
    claims.claim(["1", "2"], "reader", "refreshed");
    expect([claims.holderOf("1"), claims.holderOf("2")]).toEqual(["adopter", "reader"]);
    expect([claims.adoptedHere("1"), claims.adoptedHere("2")]).toEqual(["adopter", undefined]);
    claims.unclaim(["1"], "reader");
    claims.unclaim(["2"], "reader");
    expect([claims.holderOf("1"), claims.holderOf("2")]).toEqual(["adopter", undefined]);
  });

  it("a number a diff showed in another resource's state is held by it, behind any claim, and never blocks an adoption", () => {
    const claims = new ClaimRegistry();
    claims.recordedBy(["1", "2"], "old");
    claims.recordedBy(["1"], "later");
    expect(claims.holderOf("1")).toBe("old");
    claims.claim(["1"], "adopter");
    expect(claims.holderOf("1")).toBe("adopter");
    expect(claims.holderOf("2")).toBe("old");
  });

  it("a released number is nobody's: no claim, no record, not bought here", () => {
    const claims = new ClaimRegistry();
    claims.bought(["1", "2"]);
    claims.claim(["1"], "a");
    claims.recordedBy(["2"], "b");
    expect(claims.boughtNumbers()).toEqual(["1", "2"]);
    claims.released(["1", "2"]);
    expect([claims.holderOf("1"), claims.holderOf("2"), claims.wasBoughtHere("1")]).toEqual([
      undefined,
      undefined,
      false,
    ]);
    expect(claims.boughtNumbers()).toEqual([]);
  });
});
