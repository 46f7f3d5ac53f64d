// Issue 20: the client checks every parameter it sends against the services' own schemas before
// any request, so that a quantity of 0 or 2.5 never reaches tel_purchase and a `numbers` entry
// holding a comma never releases two numbers through tel_delete_numbers' comma-separated list.

import { AculabClient } from "./client";
import { DeleteNumbersParams, LocationFilter, PurchaseParams } from "./services";
import {
  CannedServer,
  clientFor,
  collectedErrors,
  jsonAnswer,
  startCannedServer,
} from "../../test/support/clientTestServer";

const errors = collectedErrors();

/** A server that would carry out anything it is asked: every request it sees is a failure here. */
let canned: CannedServer;
let client: AculabClient;
beforeEach(async () => {
  canned = await startCannedServer((request) => {
    if (request.url === "/tel_delete_numbers") return jsonAnswer(200, { status: "OK" });
    if (request.url.startsWith("/tel_purchase")) return jsonAnswer(200, ["34944100001"]);
    if (request.url === "/tel_list_numbers") return jsonAnswer(200, {});
    return jsonAnswer(200, []);
  });
  client = clientFor(canned.url);
});
afterEach(() => canned.stop());

const bilbao = { country: "Spain", region: "Bilbao" };
const NUMBER_RULE =
  'must be one telephone number, digits only as tel_list_numbers lists it (e.g. 441908538007), with no "+", ' +
  "spaces or commas: give each number as an entry of its own";
const QUANTITY_RULE = "must be a whole number of 1 or more: how many numbers to buy";

const cases: Array<[what: string, call: () => Promise<unknown>, service: string, text: string]> = [
  [
    "quantity 0",
    () => client.purchaseNumbers({ ...bilbao, quantity: 0 }),
    "tel_purchase",
    `quantity 0: ${QUANTITY_RULE}`,
  ],
  [
    "quantity 2.5",
    () => client.purchaseNumbers({ ...bilbao, quantity: 2.5 }),
    "tel_purchase",
    `quantity 2.5: ${QUANTITY_RULE}`,
  ],
  [
    "quantity -2",
    () => client.purchaseNumbers({ ...bilbao, quantity: -2 }),
    "tel_purchase",
    `quantity -2: ${QUANTITY_RULE}`,
  ],
  [
    "quantity NaN",
    () => client.purchaseNumbers({ ...bilbao, quantity: NaN }),
    "tel_purchase",
    `quantity NaN: ${QUANTITY_RULE}`,
  ],
  [
    "quantity beyond the integers a number holds exactly",
    () => client.purchaseNumbers({ ...bilbao, quantity: 2 ** 60 }),
    "tel_purchase",
    `quantity ${2 ** 60}: ${QUANTITY_RULE}`,
  ],
  [
    "quantity as text",
    () => client.purchaseNumbers({ ...bilbao, quantity: "2" as unknown as number }),
    "tel_purchase",
    `quantity "2": ${QUANTITY_RULE}`,
  ],
  [
    "quantity 0 in development",
    () => client.purchaseNumbersDevelopment({ ...bilbao, quantity: 0 }),
    "tel_purchase_development",
    `quantity 0: ${QUANTITY_RULE}`,
  ],
  [
    "a misspelt parameter, which would leave quantity at Aculab's default",
    () => client.purchaseNumbers({ ...bilbao, quanity: 2 } as PurchaseParams),
    "tel_purchase",
    "quanity: is not a tel_purchase parameter; its parameters are country, state, region, regulationAddress, " +
      "quantity, basedOn, allowPartial, didType, allowLandline, allowCellular, allowPayphone",
  ],
  [
    "a numbers entry holding two numbers",
    () => client.deleteNumbers({ numbers: ["441908538007,441908538008"] }),
    "tel_delete_numbers",
    `numbers[0] "441908538007,441908538008": ${NUMBER_RULE}`,
  ],
  [
    'a number with "+" and one with spaces',
    () => client.deleteNumbers({ numbers: ["441908538007", "+441908538008", "44 1908 538009"] }),
    "tel_delete_numbers",
    `numbers[1] "+441908538008": ${NUMBER_RULE}; numbers[2] "44 1908 538009": ${NUMBER_RULE}`,
  ],
  [
    "an empty numbers entry",
    () => client.deleteNumbers({ numbers: [""] }),
    "tel_delete_numbers",
    `numbers[0] "": ${NUMBER_RULE}`,
  ],
  [
    "no number at all",
    () => client.deleteNumbers({ numbers: [] }),
    "tel_delete_numbers",
    "numbers: must list at least one number to delete",
  ],
  [
    "numbers as one text instead of a list",
    () =>
      client.deleteNumbers({
        numbers: "441908538007,441908538008",
      } as unknown as DeleteNumbersParams),
    "tel_delete_numbers",
    'numbers "441908538007,441908538008": must be a list of telephone numbers, one entry per number',
  ],
  [
    "an unknown didType",
    () => client.listNumbers({ didType: "landline" } as unknown as LocationFilter),
    "tel_list_numbers",
    `didType "landline": Invalid enum value. Expected 'geographic' | 'national' | 'mobile' | 'tollfree', received 'landline'`,
  ],
  [
    "a country that is not text",
    () => client.getSupportedStates({ country: 44 as unknown as string }),
    "tel_get_supported_states",
    "country 44: Expected string, received number",
  ],
];

test.each(cases)(
  "%s is refused before any request, naming the service and the parameter",
  async (_what, call, service, text) => {
    const error = await errors.aculabError(call());
    expect(error).toMatchObject({ service, code: "INVALID_PARAMETER", text, outcome: "not-sent" });
    expect(error.status).toBeUndefined();
    expect(error.message).toBe(
      `Aculab ${service} failed: [INVALID_PARAMETER] ${text}. The request did not reach Aculab.`,
    );
    expect(error.provesNothingChanged).toBe(true);
    expect(canned.requests).toEqual([]);
  },
);

test("a refusal is a rejected promise, never a synchronous throw, so .catch sees it", async () => {
  const seen = await client.purchaseNumbers({ ...bilbao, quantity: 0 }).catch((e: unknown) => e);
  expect(seen).toMatchObject({ code: "INVALID_PARAMETER" });
  errors.thrownBy(() => {
    throw seen;
  });
  expect(canned.requests).toEqual([]);
});

test("valid parameters still go out exactly as before, unset ones left out", async () => {
  expect(
    await client.purchaseNumbers({ ...bilbao, quantity: 2, state: undefined, allowPartial: false }),
  ).toEqual(["34944100001"]);
  expect(await client.deleteNumbers({ numbers: ["441908538007", "441908538008"] })).toEqual({
    status: "OK",
  });
  expect(canned.requests.map((r) => [r.url, r.body])).toEqual([
    ["/tel_purchase", "country=Spain&region=Bilbao&quantity=2&allow_partial=False"],
    ["/tel_delete_numbers", "numbers=441908538007%2C441908538008"],
  ]);
});
