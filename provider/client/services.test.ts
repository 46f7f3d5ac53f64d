// Every example of the Aculab reference replayed through the typed client against the simulator:
// the exact parameters that reach the server and the exact value each method hands back.

import { manualClock } from "../../test/support/simulatorCalls";
import type { RecordedRequest, RunningSimulator } from "../../simulator";
import { AculabClient } from "./client";
import type { PurchaseParams } from "./services";
import {
  clientFor,
  TEST_CLOUD_ID,
  TEST_USERNAME,
  startTestSimulator,
} from "../../test/support/clientTestServer";

let sim: RunningSimulator;
let client: AculabClient;

beforeEach(async () => {
  sim = await startTestSimulator({ now: manualClock("2011-09-14T10:00:00Z").now });
  client = clientFor(sim.url);
});
afterEach(() => sim.stop());

/** The one request a call made, as the simulator received it. */
function onlyRequest(): RecordedRequest {
  const log = sim.requests();
  expect(log).toHaveLength(1);
  return log[0];
}

/** What every request of this client looks like on the wire, whatever the service. */
function sent(service: string, params: Record<string, string>): RecordedRequest {
  return {
    service,
    method: "POST",
    params,
    rawParams: params,
    accept: "application/json",
    authorizedUser: `${TEST_CLOUD_ID}/${TEST_USERNAME}`,
  };
}

/**
 * Checks what a call answered, then that it made one request: `service` with `params`, as every
 * request of this client looks on the wire.
 */
async function expectAnswer(
  call: Promise<unknown>,
  answer: unknown,
  service: string,
  params: Record<string, string>,
): Promise<void> {
  expect(await call).toEqual(answer);
  expect(onlyRequest()).toEqual(sent(service, params));
}

describe("tel_purchase examples", () => {
  test.each<[string, PurchaseParams, string[], Record<string, string>]>([
    [
      "Canada, Alberta, Calgary buys one Calgary number",
      { country: "Canada", state: "Alberta", region: "Calgary" },
      ["15873150001"],
      { country: "Canada", state: "Alberta", region: "Calgary" },
    ],
    [
      "Spain, Bilbao, quantity 2 sends quantity as a decimal and buys two",
      { country: "Spain", region: "Bilbao", quantity: 2 },
      ["34944100001", "34944100002"],
      { country: "Spain", region: "Bilbao", quantity: "2" },
    ],
    [
      "Spain toll-free 901, quantity 3, landline and payphone allowed as True",
      {
        country: "Spain",
        region: "901",
        quantity: 3,
        didType: "tollfree",
        allowLandline: true,
        allowPayphone: true,
      },
      ["34901100001", "34901100002", "34901100003"],
      {
        country: "Spain",
        region: "901",
        quantity: "3",
        did_type: "tollfree",
        allow_landline: "True",
        allow_payphone: "True",
      },
    ],
    [
      "false booleans go as False and undefined ones are left out",
      {
        country: "Canada",
        state: "Alberta",
        region: "Calgary",
        regulationAddress: undefined,
        basedOn: undefined,
        allowPartial: false,
        allowCellular: false,
      },
      ["15873150001"],
      {
        country: "Canada",
        state: "Alberta",
        region: "Calgary",
        allow_partial: "False",
        allow_cellular: "False",
      },
    ],
    [
      "regulation address and based_on reach the server by their snake_case names",
      {
        country: "France",
        region: "Avignon",
        regulationAddress: "My french place",
        basedOn: "support-line",
      },
      ["334905550001"],
      {
        country: "France",
        region: "Avignon",
        regulation_address: "My french place",
        based_on: "support-line",
      },
    ],
  ])("%s", async (_name, params, numbers, wire) => {
    await expectAnswer(client.purchaseNumbers(params), numbers, "tel_purchase", wire);
  });
});

test("tel_purchase_development answers numbers and buys nothing", async () => {
  await expectAnswer(
    client.purchaseNumbersDevelopment({ country: "Spain", region: "Bilbao", quantity: 2 }),
    ["34944109999", "34944109998"],
    "tel_purchase_development",
    { country: "Spain", region: "Bilbao", quantity: "2" },
  );
  expect(sim.ownedNumbers()).toEqual({});
});

describe("tel_list_numbers", () => {
  /** A number as tel_list_numbers answers it, bought on the simulator's day. */
  const listing = (
    number: string,
    where: { country: string; state?: string; region: string; didType: string },
    monthlyPrice: number,
  ) => ({ number, ...where, monthlyPrice, purchased: "2011-09-14" });

  test("country United Kingdom after buying Milton Keynes: camelCase, price as a number", async () => {
    await client.purchaseNumbers({
      country: "United Kingdom",
      region: "Milton Keynes",
      quantity: 7,
    });
    await client.purchaseNumbers({ country: "Spain", region: "Bilbao" });
    sim.resetRequestLog();

    const listed = await client.listNumbers({ country: "United Kingdom" });

    expect(onlyRequest()).toEqual(sent("tel_list_numbers", { country: "United Kingdom" }));
    const expected = Object.fromEntries(
      [1, 2, 3, 4, 5, 6, 7].map((n) => {
        const number = `44190853800${n}`;
        return [
          number,
          listing(
            number,
            { country: "United Kingdom", region: "Milton Keynes", didType: "geographic" },
            3,
          ),
        ];
      }),
    );
    expect(listed).toEqual(expected);
    // The reference's own example number, key for key.
    expect(listed["441908538007"]).toStrictEqual({
      number: "441908538007",
      country: "United Kingdom",
      region: "Milton Keynes",
      didType: "geographic",
      monthlyPrice: 3,
      purchased: "2011-09-14",
    });
  });

  test("without a filter sends no parameters and keeps the state of numbers that have one", async () => {
    await client.purchaseNumbers({ country: "Canada", state: "Alberta", region: "Calgary" });
    await client.purchaseNumbers({
      country: "Spain",
      region: "901",
      didType: "tollfree",
      allowLandline: true,
    });
    sim.resetRequestLog();

    const listed = await client.listNumbers();

    expect(onlyRequest()).toEqual(sent("tel_list_numbers", {}));
    expect(listed).toStrictEqual({
      "15873150001": listing(
        "15873150001",
        { country: "Canada", state: "Alberta", region: "Calgary", didType: "geographic" },
        2,
      ),
      "34901100001": listing(
        "34901100001",
        { country: "Spain", region: "901", didType: "tollfree" },
        15,
      ),
    });
  });

  test("every filter goes by its snake_case name", async () => {
    await client.purchaseNumbers({ country: "Canada", state: "Alberta", region: "Calgary" });
    sim.resetRequestLog();
    const listed = await client.listNumbers({
      country: "Canada",
      state: "Alberta",
      region: "Calgary",
      didType: "geographic",
    });
    expect(Object.keys(listed)).toEqual(["15873150001"]);
    expect(onlyRequest()).toEqual(
      sent("tel_list_numbers", {
        country: "Canada",
        state: "Alberta",
        region: "Calgary",
        did_type: "geographic",
      }),
    );
  });
});

test("tel_delete_numbers examples 1 (OK) and 2 (PARTIAL with 0300), numbers comma-separated", async () => {
  await client.purchaseNumbers({
    country: "United Kingdom",
    region: "Milton Keynes",
    quantity: 11,
  });
  sim.resetRequestLog();

  const first = await client.deleteNumbers({
    numbers: ["441908538007", "441908538008", "441908538009"],
  });
  expect(first).toStrictEqual({ status: "OK" });
  const second = await client.deleteNumbers({
    numbers: ["441908538010", "441908538011", "441908538009"],
  });
  expect(second).toStrictEqual({
    status: "PARTIAL",
    numbers: {
      "441908538009": {
        description: "Telephone number 441908538009 does not belong to you",
        code: "0300",
      },
    },
  });

  expect(sim.requests()).toEqual([
    sent("tel_delete_numbers", { numbers: "441908538007,441908538008,441908538009" }),
    sent("tel_delete_numbers", { numbers: "441908538010,441908538011,441908538009" }),
  ]);
  expect(Object.keys(sim.ownedNumbers())).toEqual([
    "441908538001",
    "441908538002",
    "441908538003",
    "441908538004",
    "441908538005",
    "441908538006",
  ]);
});

describe("tel_get_supported_countries examples", () => {
  test("default sends no did_type", async () => {
    await expectAnswer(
      client.getSupportedCountries(),
      ["Canada", "Spain", "United Kingdom", "Germany", "France", "United States"],
      "tel_get_supported_countries",
      {},
    );
  });

  test("did_type national", async () => {
    await expectAnswer(
      client.getSupportedCountries({ didType: "national" }),
      ["Spain", "United Kingdom", "Germany", "France"],
      "tel_get_supported_countries",
      { did_type: "national" },
    );
  });
});

test("tel_get_supported_states of Canada in the reference's order", async () => {
  await expectAnswer(
    client.getSupportedStates({ country: "Canada" }),
    [
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
    "tel_get_supported_states",
    { country: "Canada" },
  );
});

describe("tel_get_supported_regions examples", () => {
  test("Canada, Manitoba", async () => {
    await expectAnswer(
      client.getSupportedRegions({ country: "Canada", state: "Manitoba" }),
      ["Oakbank", "Winnipeg"],
      "tel_get_supported_regions",
      { country: "Canada", state: "Manitoba" },
    );
  });

  test("Canada toll-free prefixes", async () => {
    await expectAnswer(
      client.getSupportedRegions({ country: "Canada", didType: "tollfree" }),
      ["855", "888", "866", "877"],
      "tel_get_supported_regions",
      { country: "Canada", did_type: "tollfree" },
    );
  });
});

test("tel_list_regulation_addresses answers the reference's address and sends nothing", async () => {
  const addresses = await client.listRegulationAddresses();
  expect(addresses).toStrictEqual({ "My french place": { country: "France", region: "Avignon" } });
  expect(onlyRequest()).toEqual(sent("tel_list_regulation_addresses", {}));
});
