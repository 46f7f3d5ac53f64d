import { fakeClock } from "../../test/support/fakeClock";
import { pollUntil } from "./poll";

describe("pollUntil, on a clock the test moves", () => {
  it("asks at once, then intervalMs after each round without an answer, and resolves with the first answer", async () => {
    const time = fakeClock(1_000);
    const rounds: number[] = [];
    const answer = pollUntil(time.clock, { intervalMs: 500, deadline: 10_000 }, () => {
      rounds.push(time.now());
      return rounds.length === 3 ? "third" : undefined;
    });
    await time.advance(2_000);
    expect(rounds).toEqual([1_000, 1_500, 2_000]);
    await expect(answer).resolves.toBe("third");
  });

  it("tells each round whether the deadline has passed, and the round decides what that means", async () => {
    const time = fakeClock();
    const seen: Array<[number, boolean]> = [];
    const answer = pollUntil(time.clock, { intervalMs: 400, deadline: 1_000 }, async (past) => {
      seen.push([time.now(), past()]);
      return past() ? "gave up" : undefined;
    });
    await time.advance(1_200);
    expect(seen).toEqual([
      [0, false],
      [400, false],
      [800, false],
      [1_200, true],
    ]);
    await expect(answer).resolves.toBe("gave up");
  });
});
