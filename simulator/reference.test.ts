// Every request shown in the Aculab API reference, replayed against the default account.

import { startSimulator } from "./server";
import { call, manualClock } from "../test/support/simulatorCalls";
import type { RunningSimulator } from "./types";

let sim: RunningSimulator;
beforeEach(async () => {
  sim = await startSimulator({ now: manualClock("2011-09-14T10:00:00Z").now });
});
afterEach(() => sim.stop());

describe("tel_purchase examples", () => {
  test("country=Canada&state=Alberta&region=Calgary buys one Calgary number", async () => {
    const res = await call(sim, "tel_purchase", {
      country: "Canada",
      state: "Alberta",
      region: "Calgary",
    });
    expect(res).toMatchObject({ status: 200, body: ["15873150001"] });
  });

  test("country=Spain&region=Bilbao&quantity=2 buys two", async () => {
    const res = await call(sim, "tel_purchase", {
      country: "Spain",
      region: "Bilbao",
      quantity: "2",
    });
    expect(res).toMatchObject({ status: 200, body: ["34944100001", "34944100002"] });
  });

  test("Spain toll-free 901, quantity 3, landline and payphone allowed", async () => {
    const res = await call(sim, "tel_purchase", {
      country: "Spain",
      region: "901",
      quantity: "3",
      did_type: "tollfree",
      allow_landline: "True",
      allow_payphone: "True",
    });
    expect(res).toMatchObject({ status: 200, body: ["34901100001", "34901100002", "34901100003"] });
  });

  test("the note's M\\u00f6nchengladbach is bought by its escaped name", async () => {
    const res = await call(sim, "tel_purchase", {
      country: "Germany",
      region: "M\\u00f6nchengladbach",
    });
    expect(res).toMatchObject({ status: 200, body: ["492161555001"] });
    expect(sim.ownedNumbers()["492161555001"].region).toBe("M\u00f6nchengladbach");
  });
});

test("tel_purchase_development answers an array of number strings", async () => {
  const res = await call(sim, "tel_purchase_development", {
    country: "Spain",
    region: "Bilbao",
    quantity: "2",
  });
  expect(res).toMatchObject({ status: 200, body: ["34944109999", "34944109998"] });
});

test("tel_list_numbers?country=United Kingdom shows 441908538007 as in the reference", async () => {
  await call(sim, "tel_purchase", {
    country: "United Kingdom",
    region: "Milton Keynes",
    quantity: "7",
  });
  await call(sim, "tel_purchase", { country: "Spain", region: "Bilbao" });
  const res = await call(sim, "tel_list_numbers", { country: "United Kingdom" });
  expect(res.status).toBe(200);
  const body = res.body as Record<string, unknown>;
  expect(Object.keys(body)).toHaveLength(7);
  expect(body["441908538007"]).toEqual({
    country: "United Kingdom",
    price: "3.00",
    region: "Milton Keynes",
    purchased: "2011-09-14",
    did_type: "geographic",
  });
});

test("tel_delete_numbers examples 1 (OK) and 2 (PARTIAL, 0300)", async () => {
  await call(sim, "tel_purchase", {
    country: "United Kingdom",
    region: "Milton Keynes",
    quantity: "11",
  });
  const first = await call(sim, "tel_delete_numbers", {
    numbers: "441908538007,441908538008,441908538009",
  });
  expect(first).toMatchObject({ status: 200, body: { status: "OK" } });
  const second = await call(sim, "tel_delete_numbers", {
    numbers: "441908538010,441908538011,441908538009",
  });
  expect(second.status).toBe(200);
  expect(second.body).toEqual({
    status: "PARTIAL",
    numbers: {
      "441908538009": {
        description: "Telephone number 441908538009 does not belong to you",
        code: "0300",
      },
    },
  });
});

describe("tel_get_supported_countries examples", () => {
  test("default (geographic) lists every inventory country, all named by the reference", async () => {
    const res = await call(sim, "tel_get_supported_countries");
    expect(res).toMatchObject({
      status: 200,
      body: ["Canada", "Spain", "United Kingdom", "Germany", "France", "United States"],
    });
    const referenceGeographic = [
      "Israel",
      "Georgia",
      "Mexico",
      "Lithuania",
      "United Kingdom",
      "Netherlands",
      "Croatia",
      "Greece",
      "Switzerland",
      "Dominican Republic",
      "Brazil",
      "Romania",
      "Czech Republic",
      "El Salvador",
      "Poland",
      "South Africa",
      "Luxembourg",
      "Sweden",
      "Germany",
      "Peru",
      "Puerto Rico",
      "Hungary",
      "Norway",
      "Spain",
      "Canada",
      "Italy",
      "Denmark",
      "Finland",
      "United States",
      "Slovenia",
      "Ireland",
      "Argentina",
      "Cyprus",
      "Australia",
      "France",
      "New Zealand",
      "Latvia",
      "Slovakia",
      "Chile",
      "Belgium",
      "Japan",
      "Bulgaria",
    ];
    expect(referenceGeographic).toEqual(expect.arrayContaining(res.body as string[]));
  });

  test("did_type=national lists the countries with national prefixes", async () => {
    const res = await call(sim, "tel_get_supported_countries", { did_type: "national" });
    expect(res).toMatchObject({
      status: 200,
      body: ["Spain", "United Kingdom", "Germany", "France"],
    });
    const referenceNational = [
      "Israel",
      "Georgia",
      "Portugal",
      "South Africa",
      "United Kingdom",
      "Netherlands",
      "Singapore",
      "Austria",
      "Luxembourg",
      "Sweden",
      "Germany",
      "Norway",
      "Spain",
      "Finland",
      "Malta",
      "Slovenia",
      "Ireland",
      "Bahrain",
      "Estonia",
      "Hong Kong",
      "Panama",
      "France",
      "Belgium",
    ];
    expect(referenceNational).toEqual(expect.arrayContaining(res.body as string[]));
  });
});

test("tel_get_supported_states?country=Canada answers the reference's list", async () => {
  const res = await call(sim, "tel_get_supported_states", { country: "Canada" });
  expect(res).toMatchObject({
    status: 200,
    body: [
      "British Columbia",
      "Newfoundland And Labrador",
      "Saskatchewan",
      "Prince Edward Island",
      "Ontario",
      "Nova Scotia",
      "Quebec",
      "Alberta",
      "Manitoba",
      "New Brunswick",
    ],
  });
});

test("tel_get_supported_regions example 1: Canada, Manitoba", async () => {
  const res = await call(sim, "tel_get_supported_regions", {
    country: "Canada",
    state: "Manitoba",
  });
  expect(res).toMatchObject({ status: 200, body: ["Oakbank", "Winnipeg"] });
});

test("tel_get_supported_regions example 2: Canada toll-free prefixes", async () => {
  const res = await call(sim, "tel_get_supported_regions", {
    country: "Canada",
    did_type: "tollfree",
  });
  expect(res).toMatchObject({ status: 200, body: ["855", "888", "866", "877"] });
});

test("tel_list_regulation_addresses answers the reference's address", async () => {
  const res = await call(sim, "tel_list_regulation_addresses");
  expect(res).toMatchObject({
    status: 200,
    body: { "My french place": { country: "France", region: "Avignon" } },
  });
});
