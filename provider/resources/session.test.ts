import { defaultTuning } from "./account";
import { TEST_TUNING_VARIABLE, tuningFromEnvironment } from "./session";

describe("PULUMI_ACULAB_TEST_TUNING (tests and benchmarks only)", () => {
  it("is the default tuning when unset or empty", () => {
    expect(tuningFromEnvironment({})).toBe(defaultTuning);
    expect(tuningFromEnvironment({ [TEST_TUNING_VARIABLE]: "" })).toBe(defaultTuning);
  });

  it("overrides the keys it names", () => {
    expect(
      tuningFromEnvironment({
        [TEST_TUNING_VARIABLE]: '{"releaseBatchSize": 10, "batchWindowMs": 600000}',
      }),
    ).toEqual({ ...defaultTuning, releaseBatchSize: 10, batchWindowMs: 600_000 });
  });

  it.each([
    ["[1]", `${TEST_TUNING_VARIABLE} must be a JSON object, got [1]`],
    ['{"releaseBatch": 1}', `${TEST_TUNING_VARIABLE}: releaseBatch must be one of`],
    ['{"releaseBatchSize": "1"}', `${TEST_TUNING_VARIABLE}: releaseBatchSize must be one of`],
    ['{"releaseBatchSize": -1}', `${TEST_TUNING_VARIABLE}: releaseBatchSize must be one of`],
  ])("refuses %s", (text, message) => {
    expect(() => tuningFromEnvironment({ [TEST_TUNING_VARIABLE]: text })).toThrow(message);
  });
});
