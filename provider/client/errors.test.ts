// How every failure reaches a caller: one AculabError naming the service, the HTTP status,
// Aculab's code and text, and what the failure proves about the account (the outcome).

import { CANARY_API_KEY } from "../../harness/deployment";
import { startSimulator } from "../../simulator";
import type { RunningSimulator } from "../../simulator";
import { AculabClient } from "./client";
import { PurchaseParams } from "./services";
import {
  CannedAnswer,
  CannedServer,
  clientFor,
  ErrorCollector,
  jsonAnswer,
  startCannedServer,
  TEST_CLOUD_ID,
  TEST_USERNAME,
} from "./testServer";

const WRONG_KEY = "wrong-key-0b9e4c2d-never-print-me";
const errors = new ErrorCollector();
afterAll(() => {
  expect(errors.count).toBeGreaterThan(0);
  expect(errors.leaks(CANARY_API_KEY)).toEqual([]);
  expect(errors.leaks(WRONG_KEY)).toEqual([]);
});

let sim: RunningSimulator;
let client: AculabClient;
beforeEach(async () => {
  sim = await startSimulator({
    apiKey: CANARY_API_KEY,
    cloudId: TEST_CLOUD_ID,
    username: TEST_USERNAME,
    stockPerRegion: 2,
  });
  client = clientFor(sim.url);
});
afterEach(() => sim.stop());

describe("Aculab's error codes, provoked through the typed client", () => {
  const cases: Array<[code: string, params: PurchaseParams, text: string]> = [
    [
      "0001",
      { country: "Canada", region: "Calgary" },
      "Parameter 'state' is required for geographic numbers in Canada",
    ],
    [
      "0002",
      { country: "United Kingdom", region: "London", regulationAddress: "Nowhere" },
      "Regulation address 'Nowhere' does not exist on this account",
    ],
    [
      "0004",
      { country: "Spain", region: "Bilbao", quantity: 0 },
      "Parameter 'quantity' must not be zero",
    ],
    [
      "0005",
      { country: "France", region: "Paris" },
      "A regulation address is required to buy numbers in France",
    ],
    [
      "0006",
      { country: "United Kingdom", region: "London", regulationAddress: "My french place" },
      "Regulation address 'My french place' is in France and cannot be used for numbers in United Kingdom",
    ],
    [
      "0007",
      { country: "Spain", region: "Bilbao", quantity: 3 },
      "Only 2 numbers are available in Bilbao, 3 requested",
    ],
  ];

  test.each(cases)(
    "%s surfaces as a rejected AculabError with Aculab's text",
    async (code, params, text) => {
      const error = await errors.aculabError(client.purchaseNumbers(params));
      expect(error).toMatchObject({
        name: "AculabError",
        service: "tel_purchase",
        status: 400,
        code,
        text,
        outcome: "rejected",
      });
      expect(error.message).toBe(`Aculab tel_purchase failed (HTTP 400): [${code}] ${text}.`);
      expect(error.provesNothingChanged).toBe(true);
      expect(sim.requests()).toHaveLength(1);
      expect(sim.ownedNumbers()).toEqual({});
    },
  );

  test("a 400 is never retried, even from a read-only service", async () => {
    const error = await errors.aculabError(client.listNumbers({ country: "Atlantis" }));
    expect(error).toMatchObject({
      service: "tel_list_numbers",
      status: 400,
      code: "0002",
      text: "Country 'Atlantis' is not supported",
      outcome: "rejected",
    });
    expect(sim.requests()).toHaveLength(1);
  });
});

describe("answers only a canned server gives", () => {
  let canned: CannedServer | undefined;
  afterEach(() => canned?.stop());

  async function cannedClient(answer: CannedAnswer): Promise<AculabClient> {
    canned = await startCannedServer(() => answer);
    return clientFor(canned.url);
  }

  test("0003 (a parameter given twice) surfaces like any Aculab error", async () => {
    const text = "Parameter 'country' was given more than once";
    const client = await cannedClient(jsonAnswer(400, { error: { code: "0003", text } }));
    const error = await errors.aculabError(
      client.purchaseNumbers({ country: "Spain", region: "Bilbao" }),
    );
    expect(error).toMatchObject({
      service: "tel_purchase",
      status: 400,
      code: "0003",
      text,
      outcome: "rejected",
    });
    expect(error.message).toBe(`Aculab tel_purchase failed (HTTP 400): [0003] ${text}.`);
  });

  test("a 200 that is not JSON is MALFORMED_RESPONSE, showing what came back, and not retried", async () => {
    const client = await cannedClient({ status: 200, body: "<html>Down for maintenance</html>" });
    const error = await errors.aculabError(client.listNumbers());
    expect(error).toMatchObject({
      service: "tel_list_numbers",
      status: 200,
      code: "MALFORMED_RESPONSE",
      text: "answered with something that is not JSON: <html>Down for maintenance</html>",
      outcome: "unknown",
    });
    expect(error.message).toBe(
      "Aculab tel_list_numbers failed (HTTP 200): [MALFORMED_RESPONSE] answered with something that is not JSON: " +
        "<html>Down for maintenance</html>. The request may have reached Aculab and been carried out.",
    );
    expect(canned?.requests).toHaveLength(1);
  });

  test("a 200 with an empty body says it was empty", async () => {
    const client = await cannedClient({ status: 200 });
    const error = await errors.aculabError(
      client.purchaseNumbers({ country: "Spain", region: "Bilbao" }),
    );
    expect(error).toMatchObject({
      service: "tel_purchase",
      code: "MALFORMED_RESPONSE",
      text: "answered with an empty body instead of JSON",
      outcome: "unknown",
    });
  });

  test("a long unreadable answer is shown cut at 200 characters", async () => {
    const client = await cannedClient({ status: 200, body: "x".repeat(5000) });
    const error = await errors.aculabError(client.getSupportedCountries());
    expect(error.text).toBe(`answered with something that is not JSON: ${"x".repeat(200)}…`);
  });

  test("JSON of the wrong shape is UNEXPECTED_RESPONSE naming what is wrong", async () => {
    const client = await cannedClient(jsonAnswer(200, { numbers: ["15873150001"] }));
    const error = await errors.aculabError(
      client.purchaseNumbers({ country: "Spain", region: "Bilbao" }),
    );
    expect(error).toMatchObject({
      service: "tel_purchase",
      status: 200,
      code: "UNEXPECTED_RESPONSE",
      text: 'answered {"numbers":["15873150001"]}, which does not have the documented shape ((answer): Expected array, received object)',
      outcome: "unknown",
    });
    expect(canned?.requests).toHaveLength(1);
  });

  test("a listing with a price that is not a number names the field", async () => {
    const listing = {
      "441908538007": {
        country: "United Kingdom",
        price: "three",
        region: "Milton Keynes",
        purchased: "2011-09-14",
        did_type: "geographic",
      },
    };
    const client = await cannedClient(jsonAnswer(200, listing));
    const error = await errors.aculabError(client.listNumbers());
    expect(error).toMatchObject({
      code: "UNEXPECTED_RESPONSE",
      service: "tel_list_numbers",
      outcome: "unknown",
    });
    expect(error.text).toBe(
      `answered ${JSON.stringify(listing)}, which does not have the documented shape ` +
        '(441908538007.price: a price in US dollars such as "3.00")',
    );
  });

  test("HTTP 500 without a body is code 'HTTP 500' with outcome unknown", async () => {
    const client = await cannedClient({ status: 500 });
    const error = await errors.aculabError(
      client.purchaseNumbers({ country: "Spain", region: "Bilbao" }),
    );
    expect(error).toMatchObject({
      service: "tel_purchase",
      status: 500,
      code: "HTTP 500",
      text: "no error text",
      outcome: "unknown",
    });
    expect(error.message).toBe(
      "Aculab tel_purchase failed (HTTP 500): [HTTP 500] no error text. " +
        "The request may have reached Aculab and been carried out.",
    );
    expect(error.provesNothingChanged).toBe(false);
  });

  test("a 401 without an Aculab body still says which settings to check", async () => {
    const client = await cannedClient({ status: 401 });
    const error = await errors.aculabError(client.getSupportedStates({ country: "Canada" }));
    expect(error).toMatchObject({
      service: "tel_get_supported_states",
      status: 401,
      code: "HTTP 401",
      outcome: "rejected",
    });
    expect(error.text).toBe(
      "no error text (check aculab:cloudId, aculab:username and aculab:apiKey)",
    );
  });
});

test("a wrong API key: 401 naming the service and the settings to check, without the key", async () => {
  const wrong = clientFor(sim.url, { apiKey: WRONG_KEY });
  const error = await errors.aculabError(wrong.listNumbers());
  const text =
    `Authentication failed: use '${TEST_CLOUD_ID}/${TEST_USERNAME}' as the user name and the account's API ` +
    "access key as the password (check aculab:cloudId, aculab:username and aculab:apiKey)";
  expect(error).toMatchObject({
    service: "tel_list_numbers",
    status: 401,
    code: "0401",
    text,
    outcome: "rejected",
  });
  expect(error.message).toBe(`Aculab tel_list_numbers failed (HTTP 401): [0401] ${text}.`);
  expect(error.message.includes(WRONG_KEY)).toBe(false);
  expect(sim.requests().map((r) => r.authorizedUser)).toEqual([null]);
});

test("the final key check would see a key in any error's message, properties or Basic-auth form", async () => {
  const basic = Buffer.from(`${TEST_CLOUD_ID}/${TEST_USERNAME}:${WRONG_KEY}`).toString("base64");
  const probe = new ErrorCollector();
  await probe.rejection(Promise.reject(new Error(`bad key ${WRONG_KEY}`)));
  await probe.rejection(
    Promise.reject(Object.assign(new Error("config"), { config: { auth: basic } })),
  );
  await probe.rejection(Promise.reject(new Error("nothing secret")));
  expect(probe.leaks(WRONG_KEY)).toEqual(["Error", "Error"]);
});
