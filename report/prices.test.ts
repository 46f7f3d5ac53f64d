import { lookupMonthlyPrice, parsePriceTable, PriceTable } from "./prices";
import { Location, SECRET, UNKNOWN } from "./resources";

const table: PriceTable = [
  { country: "GB", monthlyUsd: 1 },
  { country: "GB", didType: "geographic", monthlyUsd: 1.5 },
  { country: "GB", region: "London", didType: "geographic", monthlyUsd: 2 },
  { country: "GB", region: "Leeds", monthlyUsd: 1.25 },
  { country: "GB", didType: "mobile", monthlyUsd: 3 },
  { country: "US", state: "NY", didType: "tollfree", monthlyUsd: 4 },
  { country: "US", didType: "tollfree", monthlyUsd: 3.5 },
];

const at = (location: Partial<Location>): Location => ({
  country: "GB",
  state: undefined,
  region: undefined,
  didType: "geographic",
  ...location,
});

describe("lookupMonthlyPrice", () => {
  it("picks the entry that matches the most fields", () => {
    expect(lookupMonthlyPrice(table, at({ region: "London" }))).toBe(2);
    expect(lookupMonthlyPrice(table, at({ region: "Manchester" }))).toBe(1.5);
    expect(lookupMonthlyPrice(table, at({ region: "Manchester", didType: "national" }))).toBe(1);
    expect(lookupMonthlyPrice(table, at({ country: "US", state: "NY", didType: "tollfree" }))).toBe(
      4,
    );
    expect(lookupMonthlyPrice(table, at({ country: "US", state: "CA", didType: "tollfree" }))).toBe(
      3.5,
    );
  });

  it("prefers the entry listed first among equally specific ones", () => {
    // Leeds geographic matches {region: Leeds} and {didType: geographic} with one field each.
    expect(lookupMonthlyPrice(table, at({ region: "Leeds" }))).toBe(1.5);
  });

  it("compares codes without regard to case", () => {
    expect(lookupMonthlyPrice(table, at({ country: "gb", region: "london" }))).toBe(2);
  });

  it("has no price for a country missing from the table", () => {
    expect(lookupMonthlyPrice(table, at({ country: "FR" }))).toBeUndefined();
  });

  it("has no price while a field the table distinguishes is unknown or secret", () => {
    expect(lookupMonthlyPrice(table, at({ region: UNKNOWN }))).toBeUndefined();
    expect(lookupMonthlyPrice(table, at({ country: SECRET }))).toBeUndefined();
    expect(lookupMonthlyPrice(table, at({ didType: UNKNOWN }))).toBeUndefined();
  });
});

describe("parsePriceTable", () => {
  it("accepts the table as JSON text, the way stack config arrives", () => {
    expect(parsePriceTable('[{"country":"GB","monthlyUsd":1}]', "config")).toEqual([
      { country: "GB", monthlyUsd: 1 },
    ]);
  });

  it("names the source and the bad entry", () => {
    expect(() => parsePriceTable([{ country: "GB", monthlyUsd: -1 }], "prices.json")).toThrow(
      "prices.json is not a price table at [0].monthlyUsd: Number must be greater than or equal to 0",
    );
    expect(() => parsePriceTable([{ country: "GB", price: 1 }], "prices.json")).toThrow(
      "prices.json is not a price table at [0].monthlyUsd: Required",
    );
    expect(() => parsePriceTable("{", "stack config")).toThrow(/^stack config is not JSON: /);
  });
});
