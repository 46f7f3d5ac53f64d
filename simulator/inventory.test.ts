// Invariants of the inventory data that the minting scheme and the services rely on.

import { DID_TYPES, INVENTORY } from "./inventory";

const regions = INVENTORY.flatMap((c) => c.regions.map((r) => ({ country: c, region: r })));

test("no number prefix is a prefix of another, so minted numbers never collide", () => {
  const prefixes = regions.map(({ region }) => region.numberPrefix);
  const clashes = prefixes.flatMap((a, i) =>
    prefixes.filter((b, j) => i !== j && b.startsWith(a)).map((b) => `${a} < ${b}`),
  );
  expect(clashes).toEqual([]);
});

test("prices are USD strings with two decimals", () => {
  expect(regions.filter(({ region }) => !/^\d+\.\d{2}$/.test(region.price))).toEqual([]);
});

test("a region's state is one of its country's states, and only countries with states have them", () => {
  const bad = regions.filter(({ country, region }) =>
    region.state === undefined ? false : !(country.states ?? []).includes(region.state),
  );
  expect(bad).toEqual([]);
});

test("every state of a country has at least one region", () => {
  const empty = INVENTORY.flatMap((c) =>
    (c.states ?? []).filter((s) => !c.regions.some((r) => r.state === s)),
  );
  expect(empty).toEqual([]);
});

test("refused call types are only declared on toll-free prefixes", () => {
  expect(
    regions.filter(({ region }) => region.disallowedCallTypes && region.didType !== "tollfree"),
  ).toEqual([]);
});

test("non-geographic regions are named by a prefix of their numbers' national part", () => {
  const bad = regions.filter(
    ({ region }) => region.didType !== "geographic" && !/^\d+$/.test(region.name),
  );
  expect(bad).toEqual([]);
  expect(DID_TYPES).toEqual(["geographic", "national", "mobile", "tollfree"]);
});

test("region names are unique per country, state and type", () => {
  const keys = regions.map(
    ({ country, region }) => `${country.name}|${region.state}|${region.didType}|${region.name}`,
  );
  expect(new Set(keys).size).toBe(keys.length);
});
