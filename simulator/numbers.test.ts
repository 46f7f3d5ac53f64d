// tel_list_numbers filters and tel_delete_numbers outcomes.

import { startSimulator } from "./server";
import { aculabError, call } from "../test/support/simulatorCalls";
import type { RunningSimulator } from "./types";

let sim: RunningSimulator;
beforeEach(async () => {
  sim = await startSimulator();
  await call(sim, "tel_purchase", { country: "Canada", state: "Manitoba", region: "Winnipeg" });
  await call(sim, "tel_purchase", { country: "Canada", state: "Alberta", region: "Calgary" });
  await call(sim, "tel_purchase", {
    country: "Canada",
    region: "888",
    did_type: "tollfree",
    allow_cellular: "True",
  });
  await call(sim, "tel_purchase", { country: "Spain", region: "Bilbao" });
  await call(sim, "tel_purchase", { country: "Spain", region: "902", did_type: "national" });
});
afterEach(() => sim.stop());

const listed = async (query: Record<string, string>) => {
  const res = await call(sim, "tel_list_numbers", query);
  expect(res.status).toBe(200);
  return Object.keys(res.body as object);
};

describe("tel_list_numbers", () => {
  test("without filters lists everything", async () => {
    expect(await listed({})).toEqual([
      "12045550001",
      "15873150001",
      "18885550001",
      "34944100001",
      "34902100001",
    ]);
  });

  test.each([
    [{ country: "Canada" }, ["12045550001", "15873150001", "18885550001"]],
    [{ country: "Canada", state: "Alberta" }, ["15873150001"]],
    [{ state: "Manitoba" }, ["12045550001"]],
    [{ region: "Bilbao" }, ["34944100001"]],
    [{ did_type: "national" }, ["34902100001"]],
    [{ country: "Canada", did_type: "tollfree" }, ["18885550001"]],
    [{ region: "Nowhere" }, []],
  ])("filter %j", async (query, expected) => {
    expect(await listed(query)).toEqual(expected);
  });

  test("state appears only for numbers in a state", async () => {
    const res = await call(sim, "tel_list_numbers", { country: "Canada" });
    const body = res.body as Record<string, { state?: string }>;
    expect(body["12045550001"].state).toBe("Manitoba");
    expect("state" in body["18885550001"]).toBe(false);
  });

  test("unknown country, unknown state and a state of a stateless country are 0002", async () => {
    expect(await call(sim, "tel_list_numbers", { country: "Atlantis" })).toMatchObject({
      status: 400,
      body: aculabError("0002", "Country 'Atlantis' is not supported"),
    });
    expect(
      await call(sim, "tel_list_numbers", { country: "Spain", state: "Biscay" }),
    ).toMatchObject({
      status: 400,
      body: aculabError("0002", "Spain has no states; do not give 'state'"),
    });
    expect(await call(sim, "tel_list_numbers", { state: "Yukon" })).toMatchObject({
      status: 400,
      body: aculabError("0002", "State 'Yukon' is not supported in any country"),
    });
  });
});

describe("tel_delete_numbers", () => {
  test("all owned: OK, and they are gone", async () => {
    const res = await call(sim, "tel_delete_numbers", { numbers: "12045550001,34944100001" });
    expect(res).toMatchObject({ status: 200, body: { status: "OK" } });
    expect(await listed({})).toEqual(["15873150001", "18885550001", "34902100001"]);
  });

  test("none owned: FAIL with a 0300 per number", async () => {
    const res = await call(sim, "tel_delete_numbers", { numbers: "111,222" });
    expect(res).toMatchObject({
      status: 200,
      body: {
        status: "FAIL",
        numbers: {
          "111": { description: "Telephone number 111 does not belong to you", code: "0300" },
          "222": { description: "Telephone number 222 does not belong to you", code: "0300" },
        },
      },
    });
  });

  test("deleting twice: the second time the number no longer belongs to you", async () => {
    await call(sim, "tel_delete_numbers", { numbers: "34944100001" });
    const res = await call(sim, "tel_delete_numbers", { numbers: "34944100001" });
    expect((res.body as { status: string }).status).toBe("FAIL");
  });

  test("a number repeated in the list is deleted once and reported OK", async () => {
    const res = await call(sim, "tel_delete_numbers", { numbers: "34944100001, 34944100001" });
    expect(res).toMatchObject({ status: 200, body: { status: "OK" } });
  });

  test("numbers missing or empty is 0001", async () => {
    for (const query of [{}, { numbers: "" }] as Array<Record<string, string>>) {
      expect(await call(sim, "tel_delete_numbers", query)).toMatchObject({
        status: 400,
        body: aculabError("0001", "Parameter 'numbers' is required"),
      });
    }
  });

  test.each(["+441908538001", "abc", "1,,2"])(
    "entry that is not digits in '%s' is 0002 and deletes nothing",
    async (numbers) => {
      const res = await call(sim, "tel_delete_numbers", { numbers: `12045550001,${numbers}` });
      expect(res.status).toBe(400);
      expect((res.body as { error: { code: string; text: string } }).error).toMatchObject({
        code: "0002",
        text: expect.stringMatching(/^'.*' in parameter 'numbers' is not a telephone number$/),
      });
      expect(Object.keys(sim.ownedNumbers())).toContain("12045550001");
    },
  );
});

describe("tel_get_supported_*", () => {
  test("states of a stateless country: []", async () => {
    expect(await call(sim, "tel_get_supported_states", { country: "Spain" })).toMatchObject({
      status: 200,
      body: [],
    });
  });

  test("states of an unknown country: 0002", async () => {
    expect(await call(sim, "tel_get_supported_states", { country: "Atlantis" })).toMatchObject({
      status: 400,
      body: aculabError("0002", "Country 'Atlantis' is not supported"),
    });
  });

  test("regions: geographic names, other types prefixes", async () => {
    const regions = (query: Record<string, string>) =>
      call(sim, "tel_get_supported_regions", query);
    expect((await regions({ country: "United Kingdom" })).body).toEqual([
      "Milton Keynes",
      "London",
    ]);
    expect((await regions({ country: "United Kingdom", did_type: "national" })).body).toEqual([
      "330",
    ]);
    expect((await regions({ country: "United Kingdom", did_type: "mobile" })).body).toEqual([
      "7700",
    ]);
    expect((await regions({ country: "Spain", did_type: "tollfree" })).body).toEqual(["901"]);
    expect((await regions({ country: "Germany", did_type: "mobile" })).body).toEqual([]);
    expect((await regions({ country: "United States", state: "New York" })).body).toEqual([
      "New York City",
      "Buffalo",
    ]);
  });

  test("regions without a state list the whole country", async () => {
    const res = await call(sim, "tel_get_supported_regions", { country: "United States" });
    expect(res.body).toEqual([
      "New York City",
      "Buffalo",
      "Los Angeles",
      "San Francisco",
      "Houston",
    ]);
  });

  test("regions: country required, states checked", async () => {
    expect(await call(sim, "tel_get_supported_regions", {})).toMatchObject({
      status: 400,
      body: aculabError("0001", "Parameter 'country' is required"),
    });
    expect(
      await call(sim, "tel_get_supported_regions", { country: "Canada", state: "Yukon" }),
    ).toMatchObject({
      status: 400,
      body: aculabError("0002", "State 'Yukon' is not supported in Canada"),
    });
  });

  test("countries per type: tollfree", async () => {
    const res = await call(sim, "tel_get_supported_countries", { did_type: "tollfree" });
    expect(res.body).toEqual(["Canada", "Spain", "United Kingdom", "United States"]);
  });
});
