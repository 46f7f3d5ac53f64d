import { diffProperties } from "../provider/resources/diff";
import { lookupMonthlyPrice, parsePriceTable, PriceTable } from "./prices";
import { Location, SECRET, UNKNOWN } from "./resources";

const table: PriceTable = [
  { country: "United Kingdom", monthlyUsd: 5 },
  { country: "United Kingdom", didType: "geographic", monthlyUsd: 3 },
  { country: "United Kingdom", region: "London", didType: "geographic", monthlyUsd: 3.25 },
  { country: "United Kingdom", region: "Milton Keynes", monthlyUsd: 2.75 },
  { country: "United Kingdom", didType: "mobile", monthlyUsd: 8 },
  { country: "Canada", state: "Manitoba", didType: "geographic", monthlyUsd: 2.25 },
  { country: "Canada", didType: "geographic", monthlyUsd: 2 },
];

const at = (location: Partial<Location>): Location => ({
  country: "United Kingdom",
  state: undefined,
  region: undefined,
  didType: "geographic",
  ...location,
});

describe("lookupMonthlyPrice", () => {
  it("picks the entry that matches the most fields", () => {
    expect(lookupMonthlyPrice(table, at({ region: "London" }))).toBe(3.25);
    expect(lookupMonthlyPrice(table, at({ region: "7700", didType: "mobile" }))).toBe(8);
    expect(lookupMonthlyPrice(table, at({ region: "330", didType: "national" }))).toBe(5);
    const canada = { country: "Canada", didType: "geographic" } as const;
    expect(
      lookupMonthlyPrice(table, at({ ...canada, state: "Manitoba", region: "Winnipeg" })),
    ).toBe(2.25);
    expect(lookupMonthlyPrice(table, at({ ...canada, state: "Ontario", region: "Toronto" }))).toBe(
      2,
    );
  });

  it("prefers the entry listed first among equally specific ones", () => {
    // Milton Keynes geographic matches {region: Milton Keynes} and {didType: geographic} with
    // one field each.
    expect(lookupMonthlyPrice(table, at({ region: "Milton Keynes" }))).toBe(3);
  });

  it("compares names without regard to case", () => {
    expect(lookupMonthlyPrice(table, at({ country: "united kingdom", region: "LONDON" }))).toBe(
      3.25,
    );
  });

  it("has no price for a country missing from the table", () => {
    expect(lookupMonthlyPrice(table, at({ country: "France", region: "Paris" }))).toBeUndefined();
  });

  it("has no price while a field the table distinguishes is unknown or secret", () => {
    expect(lookupMonthlyPrice(table, at({ region: UNKNOWN }))).toBeUndefined();
    expect(lookupMonthlyPrice(table, at({ country: SECRET }))).toBeUndefined();
    expect(lookupMonthlyPrice(table, at({ didType: UNKNOWN }))).toBeUndefined();
  });
});

describe("parsePriceTable", () => {
  it("accepts the table as JSON text, the way stack config arrives", () => {
    expect(parsePriceTable('[{"country":"United Kingdom","monthlyUsd":3}]', "config")).toEqual([
      { country: "United Kingdom", monthlyUsd: 3 },
    ]);
  });

  it("names the source and the bad entry", () => {
    expect(() => parsePriceTable([{ country: "Spain", monthlyUsd: -1 }], "prices.json")).toThrow(
      "prices.json is not a price table at [0].monthlyUsd: Number must be greater than or equal to 0",
    );
    expect(() => parsePriceTable([{ country: "Spain", price: "4.00" }], "prices.json")).toThrow(
      "prices.json is not a price table at [0].monthlyUsd: Required",
    );
    expect(() => parsePriceTable("{", "stack config")).toThrow(/^stack config is not JSON: /);
  });
});

// Invariant 4 of issue 11: the report prices as the provider's diff compares, so a location the
// diff calls unchanged (case, surrounding spaces, Unicode form) is the same place in the table.
describe("location names compare as the provider's diff compares them", () => {
  const spellings: Array<[string, string]> = [
    ["United Kingdom", " united kingdom "],
    ["Milton Keynes", "MILTON KEYNES"],
    ["M\u00f6nchengladbach", "mo\u0308nchengladbach "],
    // Issue 20: the reference's \\uXXXX spelling, pasted as text, is the character's place.
    [String.raw`Malm\u00f6`, "Malmö"],
    [String.raw`Malm\u00f6`, "MALMÖ "],
    ["Malmö", String.raw`MALM\u00D6`],
    ["Milton Keynes", "milton  keynes"],
    ["Malmö", "Malmo"],
    ["Milton Keynes", "London"],
    ["Manitoba", "Manitobaa"],
  ];

  it.each(spellings)("%j and %j: same in the diff exactly when same in the price table", (a, b) => {
    const diffSays = !diffProperties(
      { country: "United Kingdom", region: a },
      { country: "United Kingdom", region: b },
      ["region"],
      ["region"],
    ).changes;
    const tableSays =
      lookupMonthlyPrice(
        [{ country: "United Kingdom", region: a, monthlyUsd: 1 }],
        at({ region: b }),
      ) === 1;
    expect(tableSays).toBe(diffSays);
  });

  it("prices a place the table spells with \\u escapes, and one the program spells so", () => {
    const swedish: PriceTable = [
      { country: "Sweden", monthlyUsd: 4 },
      { country: "Sweden", region: String.raw`Malm\u00f6`, monthlyUsd: 4.5 },
      { country: "Sweden", region: "Göteborg", monthlyUsd: 4.25 },
    ];
    for (const region of [String.raw`Malm\u00f6`, "Malmö", "MALMÖ ", "malmo\u0308"]) {
      expect(lookupMonthlyPrice(swedish, at({ country: "Sweden", region }))).toBe(4.5);
    }
    expect(
      lookupMonthlyPrice(swedish, at({ country: "Sweden", region: String.raw`G\u00f6teborg` })),
    ).toBe(4.25);
    expect(lookupMonthlyPrice(swedish, at({ country: "Sweden", region: "Malmo" }))).toBe(4);
  });

  it("prices a purchase whose names differ from the table's by case and spaces only", () => {
    expect(lookupMonthlyPrice(table, at({ country: " united kingdom ", region: "london " }))).toBe(
      3.25,
    );
    expect(
      lookupMonthlyPrice(table, at({ country: "Canada", state: "manitoba ", region: "Winnipeg" })),
    ).toBe(2.25);
  });
});
