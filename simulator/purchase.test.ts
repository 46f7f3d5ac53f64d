// tel_purchase and tel_purchase_development: what a purchase accepts, refuses and records.

import { startSimulator } from "./server";
import { aculabError, call, manualClock } from "../test/support/simulatorCalls";
import type { RunningSimulator, SimulatorOptions } from "./types";

let sim: RunningSimulator;
const start = async (options: SimulatorOptions = {}) => {
  sim = await startSimulator(options);
};
afterEach(() => sim.stop());

const error = (code: string, text: string) => ({ status: 400, body: aculabError(code, text) });

describe("where", () => {
  beforeEach(() => start());

  test("unknown country is 0002", async () => {
    const res = await call(sim, "tel_purchase", { country: "Atlantis", region: "Bilbao" });
    expect(res).toMatchObject(error("0002", "Country 'Atlantis' is not supported"));
  });

  test("unknown region is 0002 naming country and type", async () => {
    const res = await call(sim, "tel_purchase", { country: "Spain", region: "Atlantis" });
    expect(res).toMatchObject(
      error("0002", "Region 'Atlantis' is not available in Spain for geographic numbers"),
    );
  });

  test("a region of another type is not available for this type", async () => {
    const res = await call(sim, "tel_purchase", {
      country: "Spain",
      region: "Bilbao",
      did_type: "national",
    });
    expect(res).toMatchObject(
      error("0002", "Region 'Bilbao' is not available in Spain for national numbers"),
    );
  });

  test("country and region are required (0001)", async () => {
    expect(await call(sim, "tel_purchase", { region: "Bilbao" })).toMatchObject(
      error("0001", "Parameter 'country' is required"),
    );
    expect(await call(sim, "tel_purchase", { country: "Spain" })).toMatchObject(
      error("0001", "Parameter 'region' is required"),
    );
  });

  test("a country with states needs the state (0001)", async () => {
    const res = await call(sim, "tel_purchase", { country: "Canada", region: "Calgary" });
    expect(res).toMatchObject(
      error("0001", "Parameter 'state' is required for geographic numbers in Canada"),
    );
  });

  test("a region in another state is 0002", async () => {
    const res = await call(sim, "tel_purchase", {
      country: "Canada",
      state: "Manitoba",
      region: "Calgary",
    });
    expect(res).toMatchObject(
      error("0002", "Region 'Calgary' is not available in Manitoba, Canada for geographic numbers"),
    );
  });

  test("an unknown state is 0002", async () => {
    const res = await call(sim, "tel_purchase", {
      country: "Canada",
      state: "Yukon",
      region: "Whitehorse",
    });
    expect(res).toMatchObject(error("0002", "State 'Yukon' is not supported in Canada"));
  });

  test("a state for a stateless country is 0002", async () => {
    const res = await call(sim, "tel_purchase", {
      country: "Spain",
      state: "Biscay",
      region: "Bilbao",
    });
    expect(res).toMatchObject(error("0002", "Spain has no states; do not give 'state'"));
  });

  test("nationwide toll-free prefixes of a country with states need no state", async () => {
    const res = await call(sim, "tel_purchase", {
      country: "Canada",
      region: "855",
      did_type: "tollfree",
      allow_landline: "True",
    });
    expect(res).toMatchObject({ status: 200, body: ["18555550001"] });
    expect(sim.ownedNumbers()["18555550001"]).toEqual({
      country: "Canada",
      region: "855",
      price: "12.00",
      purchased: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      did_type: "tollfree",
    });
  });

  test("United States, New York, New York City", async () => {
    const res = await call(sim, "tel_purchase", {
      country: "United States",
      state: "New York",
      region: "New York City",
    });
    expect(res).toMatchObject({ status: 200, body: ["12125550001"] });
  });

  test("UK national 330 and mobile 7700", async () => {
    const national = await call(sim, "tel_purchase", {
      country: "United Kingdom",
      region: "330",
      did_type: "national",
    });
    const mobile = await call(sim, "tel_purchase", {
      country: "United Kingdom",
      region: "7700",
      did_type: "mobile",
    });
    expect(national).toMatchObject({ status: 200, body: ["443301220001"] });
    expect(mobile).toMatchObject({ status: 200, body: ["447700900001"] });
  });
});

describe("toll-free call types", () => {
  beforeEach(() => start());
  const spain901 = { country: "Spain", region: "901", did_type: "tollfree" };

  test("allow_* on a non-tollfree number is 0002", async () => {
    const res = await call(sim, "tel_purchase", {
      country: "Spain",
      region: "Bilbao",
      allow_cellular: "True",
    });
    expect(res).toMatchObject(
      error("0002", "Parameter 'allow_cellular' is only valid for tollfree numbers"),
    );
  });

  test("allow_*=False on a non-tollfree number is harmless", async () => {
    const res = await call(sim, "tel_purchase", {
      country: "Spain",
      region: "Bilbao",
      allow_cellular: "False",
    });
    expect(res).toMatchObject({ status: 200, body: ["34944100001"] });
  });

  test("a call type the prefix refuses is 0002 naming it", async () => {
    const res = await call(sim, "tel_purchase", {
      ...spain901,
      allow_landline: "True",
      allow_cellular: "True",
    });
    expect(res).toMatchObject(
      error(
        "0002",
        "Parameter 'allow_cellular': cellular calls cannot be allowed on Spain tollfree prefix 901",
      ),
    );
    expect(sim.ownedNumbers()).toEqual({});
  });

  test("none allowed is 0002", async () => {
    const res = await call(sim, "tel_purchase", spain901);
    expect(res).toMatchObject(
      error(
        "0002",
        "At least one call type must be allowed: set allow_landline, allow_cellular or allow_payphone to True",
      ),
    );
  });
});

describe("regulation addresses", () => {
  const avignon = { country: "France", region: "Avignon" };

  test("France without an address is 0005", async () => {
    await start();
    const res = await call(sim, "tel_purchase", avignon);
    expect(res).toMatchObject(
      error("0005", "A regulation address is required to buy numbers in France"),
    );
  });

  test("with the account's French address it buys", async () => {
    await start();
    const res = await call(sim, "tel_purchase", {
      ...avignon,
      regulation_address: "My french place",
    });
    expect(res).toMatchObject({ status: 200, body: ["334905550001"] });
  });

  test("an address in another country is 0006", async () => {
    await start({
      regulationAddresses: {
        "My french place": { country: "France", region: "Avignon" },
        Casa: { country: "Spain", region: "Bilbao" },
      },
    });
    const res = await call(sim, "tel_purchase", { ...avignon, regulation_address: "Casa" });
    expect(res).toMatchObject(
      error(
        "0006",
        "Regulation address 'Casa' is in Spain and cannot be used for numbers in France",
      ),
    );
    const listed = await call(sim, "tel_list_regulation_addresses");
    expect(Object.keys(listed.body as object)).toEqual(["My french place", "Casa"]);
  });

  test("an unknown address name is 0002", async () => {
    await start();
    const res = await call(sim, "tel_purchase", { ...avignon, regulation_address: "Chez moi" });
    expect(res).toMatchObject(
      error("0002", "Regulation address 'Chez moi' does not exist on this account"),
    );
  });
});

describe("based_on", () => {
  test("must name an existing inbound service", async () => {
    await start();
    const res = await call(sim, "tel_purchase", {
      country: "Spain",
      region: "Bilbao",
      based_on: "nope",
    });
    expect(res).toMatchObject(
      error("0002", "Inbound service 'nope' does not exist on this account"),
    );
    const ok = await call(sim, "tel_purchase", {
      country: "Spain",
      region: "Bilbao",
      based_on: "support-line",
    });
    expect(ok.status).toBe(200);
  });

  test("the list of inbound services is an option", async () => {
    await start({ inboundServices: ["ivr"] });
    const ok = await call(sim, "tel_purchase", {
      country: "Spain",
      region: "Bilbao",
      based_on: "ivr",
    });
    const gone = await call(sim, "tel_purchase", {
      country: "Spain",
      region: "Bilbao",
      based_on: "sales-line",
    });
    expect(ok.status).toBe(200);
    expect(gone.status).toBe(400);
  });
});

describe("stock", () => {
  const bilbao = { country: "Spain", region: "Bilbao" };

  test("50 numbers per region by default", async () => {
    await start();
    expect((await call(sim, "tel_purchase", { ...bilbao, quantity: "50" })).status).toBe(200);
    const res = await call(sim, "tel_purchase", bilbao);
    expect(res).toMatchObject(error("0007", "Only 0 numbers are available in Bilbao, 1 requested"));
  });

  test("not enough stock is 0007 and buys nothing", async () => {
    await start({ stockPerRegion: 3 });
    await call(sim, "tel_purchase", { ...bilbao, quantity: "2" });
    const res = await call(sim, "tel_purchase", { ...bilbao, quantity: "2" });
    expect(res).toMatchObject(error("0007", "Only 1 numbers are available in Bilbao, 2 requested"));
    expect(Object.keys(sim.ownedNumbers())).toEqual(["34944100001", "34944100002"]);
  });

  test("allow_partial buys what is left, then nothing", async () => {
    await start({ stockPerRegion: 3 });
    const first = await call(sim, "tel_purchase", {
      ...bilbao,
      quantity: "5",
      allow_partial: "True",
    });
    const second = await call(sim, "tel_purchase", {
      ...bilbao,
      quantity: "5",
      allow_partial: "True",
    });
    expect(first).toMatchObject({
      status: 200,
      body: ["34944100001", "34944100002", "34944100003"],
    });
    expect(second).toMatchObject({ status: 200, body: [] });
  });

  test("a released number is never sold again and its stock does not come back", async () => {
    await start({ stockPerRegion: 2 });
    await call(sim, "tel_purchase", bilbao);
    await call(sim, "tel_delete_numbers", { numbers: "34944100001" });
    const next = await call(sim, "tel_purchase", bilbao);
    expect(next).toMatchObject({ status: 200, body: ["34944100002"] });
    const none = await call(sim, "tel_purchase", bilbao);
    expect(none).toMatchObject(
      error("0007", "Only 0 numbers are available in Bilbao, 1 requested"),
    );
  });

  test("stock is per region", async () => {
    await start({ stockPerRegion: 1 });
    await call(sim, "tel_purchase", bilbao);
    const madrid = await call(sim, "tel_purchase", { country: "Spain", region: "Madrid" });
    expect(madrid).toMatchObject({ status: 200, body: ["34911100001"] });
  });
});

describe("records and listing delay", () => {
  test("a bought number records country, state, region, price, date and type", async () => {
    const clock = manualClock("2024-02-29T23:59:59Z");
    await start({ now: clock.now });
    await call(sim, "tel_purchase", { country: "Canada", state: "Manitoba", region: "Winnipeg" });
    await call(sim, "tel_purchase", { country: "United Kingdom", region: "Milton Keynes" });
    expect(sim.ownedNumbers()).toEqual({
      "12045550001": {
        country: "Canada",
        state: "Manitoba",
        region: "Winnipeg",
        price: "2.00",
        purchased: "2024-02-29",
        did_type: "geographic",
      },
      "441908538001": {
        country: "United Kingdom",
        region: "Milton Keynes",
        price: "3.00",
        purchased: "2024-02-29",
        did_type: "geographic",
      },
    });
  });

  test("with listingDelayMs a number is listed only once the delay has passed", async () => {
    const clock = manualClock("2024-05-01T12:00:00Z");
    await start({ now: clock.now, listingDelayMs: 5000 });
    await call(sim, "tel_purchase", { country: "Spain", region: "Bilbao" });
    expect((await call(sim, "tel_list_numbers")).body).toEqual({});
    expect(Object.keys(sim.ownedNumbers())).toEqual(["34944100001"]);
    clock.advance(4999);
    expect((await call(sim, "tel_list_numbers")).body).toEqual({});
    clock.advance(1);
    expect(Object.keys((await call(sim, "tel_list_numbers")).body as object)).toEqual([
      "34944100001",
    ]);
  });
});

describe("tel_purchase_development", () => {
  test("answers made-up numbers and buys nothing, consuming no stock", async () => {
    await start({ stockPerRegion: 1 });
    const dev = await call(sim, "tel_purchase_development", { country: "Spain", region: "Bilbao" });
    const again = await call(sim, "tel_purchase_development", {
      country: "Spain",
      region: "Bilbao",
    });
    expect(dev).toMatchObject({ status: 200, body: ["34944109999"] });
    expect(again).toMatchObject({ status: 200, body: ["34944109999"] });
    expect(sim.ownedNumbers()).toEqual({});
    expect((await call(sim, "tel_list_numbers")).body).toEqual({});
    const real = await call(sim, "tel_purchase", { country: "Spain", region: "Bilbao" });
    expect(real).toMatchObject({ status: 200, body: ["34944100001"] });
  });

  test("validates like tel_purchase, stock included", async () => {
    await start({ stockPerRegion: 1 });
    expect(
      await call(sim, "tel_purchase_development", { country: "France", region: "Avignon" }),
    ).toMatchObject(error("0005", "A regulation address is required to buy numbers in France"));
    expect(
      await call(sim, "tel_purchase_development", {
        country: "Spain",
        region: "Bilbao",
        quantity: "2",
      }),
    ).toMatchObject(error("0007", "Only 1 numbers are available in Bilbao, 2 requested"));
  });
});
