import { PhaseMeasurement } from "../../bench/lifecycle";
import { describeCallRange, describeSpread, median, Round, summarize } from "../../bench/rounds";

const up = (wallMs: number, calls: Record<string, number> = {}, rssKb = 0): PhaseMeasurement[] => [
  { phase: "up", wallMs, calls, peakRssKb: new Map([["provider host", rssKb]]) },
];

function round(
  ours: number,
  floor: number,
  lightest: number,
  calls: Record<string, number>,
): Round {
  return { phases: up(ours, calls, ours), floor: up(floor), lightest: up(lightest), load: "1.0" };
}

describe("bench rounds", () => {
  it("takes the median of odd and even counts", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow("the median of no values");
  });

  it("takes each ratio within its round, so a loaded round moves wall and floors together", () => {
    // Round 2 ran at twice the load: its wall and floors doubled, and its ratio is its own.
    const rounds = [
      round(1100, 900, 800, { tel_purchase: 4 }),
      round(2200, 1800, 1600, { tel_purchase: 5 }),
      round(1300, 1000, 1000, { tel_purchase: 4 }),
    ];
    const summary = summarize(rounds, "up", 200);
    expect(summary.wallMs).toBe(1300);
    expect(summary.floorMs).toBe(1000);
    expect(summary.lightestMs).toBe(1000);
    expect(summary.lightRatio.min).toBeCloseTo(1300 / 1200, 6);
    expect(summary.lightRatio.median).toBeCloseTo(1100 / 1000, 6);
    expect(summary.lightRatio.max).toBeCloseTo(2200 / 1800, 6);
    expect(summary.ratio.median).toBeCloseTo(1300 / 1200, 6);
    expect(summary.overLightestMs).toEqual({ median: 100, min: 100, max: 400 });
    expect(summary.calls).toEqual({ tel_purchase: { min: 4, max: 5 } });
    expect(summary.peakRssKb.get("provider host")).toBe(2200);
  });

  it("describes a spread and a call range only where rounds differ", () => {
    expect(describeSpread({ median: 1.084, min: 1.02, max: 1.151 }, 2, 3)).toBe("1.08 (1.02–1.15)");
    expect(describeSpread({ median: 1.084, min: 1.084, max: 1.084 }, 2, 1)).toBe("1.08");
    expect(
      describeCallRange({
        tel_purchase: { min: 26, max: 27 },
        tel_list_numbers: { min: 28, max: 28 },
      }),
    ).toBe("tel_list_numbers 28, tel_purchase 26–27");
    expect(describeCallRange({})).toBe("none");
  });
});
