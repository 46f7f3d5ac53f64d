// How every failure reaches a caller: one AculabError naming the service, the HTTP status,
// Aculab's code and text, and what the failure proves about the account (the outcome).

import { inspect } from "node:util";

import { CANARY_API_KEY } from "../../harness/deployment";
import type { RunningSimulator } from "../../simulator";
import { AculabClient } from "./client";
import { PurchaseParams } from "./services";
import {
  CannedAnswer,
  CannedServer,
  clientFor,
  collectedErrors,
  ErrorCollector,
  everythingShownBy,
  jsonAnswer,
  keyPiecesIn,
  SPLIT_TEST_KEY,
  startCannedServer,
  TEST_CLOUD_ID,
  TEST_USERNAME,
  startTestSimulator,
} from "../../test/support/clientTestServer";

const WRONG_KEY = "wrong-key-0b9e4c2d-never-print-me";
const errors = collectedErrors(WRONG_KEY, SPLIT_TEST_KEY);

let sim: RunningSimulator;
let client: AculabClient;
beforeEach(async () => {
  sim = await startTestSimulator({ stockPerRegion: 2 });
  client = clientFor(sim.url);
});
afterEach(() => sim.stop());

// 0004 (quantity 0) is not among them: the client refuses quantity 0 before sending anything
// (params.test.ts); the simulator's 0004 is proved in simulator/params.test.ts.
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

// Invariant 8 of issue 11: whatever shape the answer has, Aculab's code and text are kept, and an
// answer that proves nothing was done is "rejected", so no caller reconciles it as a purchase.
describe("error bodies in shapes the reference does not describe", () => {
  let canned: CannedServer | undefined;
  afterEach(() => canned?.stop());

  async function cannedClient(answer: CannedAnswer): Promise<AculabClient> {
    canned = await startCannedServer(() => answer);
    return clientFor(canned.url);
  }
  const purchase = (client: AculabClient) =>
    errors.aculabError(client.purchaseNumbers({ country: "Spain", region: "Bilbao" }));

  const cases: Array<[shape: string, answer: CannedAnswer, code: string, text: string]> = [
    [
      "{error: {code, text}}",
      jsonAnswer(400, { error: { code: "0002", text: "Country 'Spian' is not supported" } }),
      "0002",
      "Country 'Spian' is not supported",
    ],
    [
      "{code, text} at the top level",
      jsonAnswer(400, { code: "0002", text: "Country 'Spian' is not supported" }),
      "0002",
      "Country 'Spian' is not supported",
    ],
    [
      "a numeric code, kept as its digits",
      jsonAnswer(400, { error: { code: 7, text: "Only 0 numbers are available" } }),
      "7",
      "Only 0 numbers are available",
    ],
    [
      "{error: {code, message}}",
      jsonAnswer(422, { error: { code: "0001", message: "Parameter 'region' is required" } }),
      "0001",
      "Parameter 'region' is required",
    ],
    [
      "{message} alone",
      jsonAnswer(403, { message: "Forbidden: this account may not buy numbers" }),
      "HTTP 403",
      "Forbidden: this account may not buy numbers",
    ],
    [
      "{error: text}",
      jsonAnswer(400, { error: "country is not supported" }),
      "HTTP 400",
      "country is not supported",
    ],
    [
      "a JSON string",
      jsonAnswer(400, "country is not supported"),
      "HTTP 400",
      "country is not supported",
    ],
    [
      "plain text",
      { status: 400, body: "Bad Request: country", headers: { "Content-Type": "text/plain" } },
      "HTTP 400",
      "Bad Request: country",
    ],
  ];

  test.each(cases)(
    "a 4xx with %s keeps its code and text, rejected",
    async (_shape, answer, code, text) => {
      const error = await purchase(await cannedClient(answer));
      const status = typeof answer === "object" ? answer.status : 0;
      expect(error).toMatchObject({
        service: "tel_purchase",
        status,
        code,
        text,
        outcome: "rejected",
      });
      expect(error.message).toBe(`Aculab tel_purchase failed (HTTP ${status}): [${code}] ${text}.`);
      expect(error.provesNothingChanged).toBe(true);
    },
  );

  test("an Aculab error carried in an HTTP 200 is that error, rejected: not an unknown outcome", async () => {
    const text = "Only 0 numbers are available in Bilbao, 1 requested";
    const client = await cannedClient(jsonAnswer(200, { error: { code: "0007", text } }));
    const error = await purchase(client);
    expect(error).toMatchObject({
      service: "tel_purchase",
      status: 200,
      code: "0007",
      text,
      outcome: "rejected",
    });
    expect(error.message).toBe(`Aculab tel_purchase failed (HTTP 200): [0007] ${text}.`);
    expect(error.provesNothingChanged).toBe(true);
    expect(canned?.requests).toHaveLength(1);
  });

  test("{code, text} in an HTTP 200 is rejected too, on a read as on a purchase", async () => {
    const text = "Country 'Atlantis' is not supported";
    const client = await cannedClient(jsonAnswer(200, { code: "0002", text }));
    const error = await errors.aculabError(client.getSupportedRegions({ country: "Atlantis" }));
    expect(error).toMatchObject({
      service: "tel_get_supported_regions",
      status: 200,
      code: "0002",
      text,
      outcome: "rejected",
    });
    // A refusal is not transient: a read is not retried either.
    expect(canned?.requests).toHaveLength(1);
  });

  test("a 200 with a bare {message} proves nothing: still unknown, quoting the message", async () => {
    const client = await cannedClient(jsonAnswer(200, { message: "Purchase accepted" }));
    const error = await purchase(client);
    expect(error).toMatchObject({ status: 200, code: "UNEXPECTED_RESPONSE", outcome: "unknown" });
    expect(error.text).toBe(
      'answered {"message":"Purchase accepted"}, which does not have the documented shape ((answer): Expected array, received object)',
    );
  });

  test("a 5xx keeps Aculab's code and text but stays unknown: the work may be done", async () => {
    const client = await cannedClient(
      jsonAnswer(503, { error: { code: "0503", text: "Service unavailable" } }),
    );
    const error = await purchase(client);
    expect(error).toMatchObject({
      status: 503,
      code: "0503",
      text: "Service unavailable",
      outcome: "unknown",
    });
    expect(error.provesNothingChanged).toBe(false);
  });

  test("a valid answer that merely contains the word error is not mistaken for one", async () => {
    const client = await cannedClient(
      jsonAnswer(200, {
        status: "FAIL",
        numbers: { "441908538009": { description: "error: not yours", code: "0300" } },
      }),
    );
    expect(await client.deleteNumbers({ numbers: ["441908538009"] })).toEqual({
      status: "FAIL",
      numbers: { "441908538009": { description: "error: not yours", code: "0300" } },
    });
  });

  test("a rewrapped failure keeps its cause: the network error, the parse error", async () => {
    const dropped = await purchase(await cannedClient("drop"));
    expect(dropped.cause).toBeInstanceOf(Error);
    expect(dropped.cause).toMatchObject({ message: "socket hang up", code: "ECONNRESET" });
    await canned?.stop();
    const garbled = await purchase(await cannedClient({ status: 200, body: "<html>" }));
    expect(garbled.cause).toBeInstanceOf(Error);
    expect((garbled.cause as Error).name).toBe("SyntaxError");
  });
});

// Invariant 9 of issue 11: text quoted from a server never carries the key into an error.
describe("server text is scrubbed of the credentials before it is quoted", () => {
  const basic = Buffer.from(`${TEST_CLOUD_ID}/${TEST_USERNAME}:${CANARY_API_KEY}`).toString(
    "base64",
  );
  let canned: CannedServer | undefined;
  afterEach(() => canned?.stop());

  /** A server that quotes the request's Authorization header (and the key) back, as a debug page might. */
  async function echoing(reply: (auth: string) => CannedAnswer): Promise<AculabClient> {
    canned = await startCannedServer((request) => reply(String(request.headers.authorization)));
    return clientFor(canned.url);
  }
  const expectClean = (error: Error) => {
    const seen = `${error.message}\n${inspect(error, { depth: 10, showHidden: true })}`;
    expect(seen).not.toContain(CANARY_API_KEY);
    expect(seen).not.toContain(basic);
  };

  test("an Aculab error text quoting the Authorization header", async () => {
    const client = await echoing((auth) =>
      jsonAnswer(400, { error: { code: "0002", text: `bad header '${auth}'` } }),
    );
    const error = await errors.aculabError(client.listNumbers());
    expect(error.text).toBe("bad header '[redacted]'");
    expectClean(error);
  });

  test("a 401 quoting the key itself", async () => {
    const client = await echoing(() => ({ status: 401, body: `key ${CANARY_API_KEY} refused` }));
    const error = await errors.aculabError(client.listNumbers());
    expect(error.text).toBe(
      "key [redacted] refused (check aculab:cloudId, aculab:username and aculab:apiKey)",
    );
    expectClean(error);
  });

  test("the preview of an unreadable 200 and of a 500 page", async () => {
    const client = await echoing((auth) => ({
      status: 200,
      body: `<pre>Authorization: ${auth}</pre>`,
    }));
    const error = await errors.aculabError(client.listNumbers({}));
    expect(error.text).toBe(
      "answered with something that is not JSON: <pre>Authorization: [redacted]</pre>",
    );
    expectClean(error);
    await canned?.stop();
    const failing = await echoing((auth) => ({
      status: 500,
      body: `upstream got ${auth.slice(6)}`,
    }));
    const five = await errors.aculabError(
      failing.purchaseNumbers({ country: "Spain", region: "Bilbao" }),
    );
    expect(five.text).toBe("upstream got [redacted]");
    expectClean(five);
  });

  test("JSON of the wrong shape quoting the key, and a redirect whose address carries it", async () => {
    const client = await echoing(() => jsonAnswer(200, { echo: CANARY_API_KEY }));
    const error = await errors.aculabError(client.listRegulationAddresses());
    expect(error.text).toBe(
      'answered {"echo":"[redacted]"}, which does not have the documented shape (echo: Expected object, received string)',
    );
    expectClean(error);
    await canned?.stop();
    const redirecting = await echoing(() => ({
      status: 302,
      headers: { Location: `https://elsewhere.example/?key=${CANARY_API_KEY}` },
    }));
    const redirect = await errors.aculabError(redirecting.listNumbers());
    expect(redirect.text).toBe(
      "redirected to https://elsewhere.example/?key=[redacted]; redirects are not followed so the API key stays with the configured host",
    );
    expectClean(redirect);
  });

  test("a delete result's reasons, which lifecycle errors quote", async () => {
    const client = await echoing((auth) =>
      jsonAnswer(200, {
        status: "FAIL",
        numbers: { "441908538009": { description: `not yours (${auth})`, code: "0300" } },
      }),
    );
    expect(await client.deleteNumbers({ numbers: ["441908538009"] })).toEqual({
      status: "FAIL",
      numbers: { "441908538009": { description: "not yours ([redacted])", code: "0300" } },
    });
  });
});

// Issue 20: a text is scrubbed as a whole before it is cut to its preview length. A cut made first
// could split the key, and the half left before the cut would no longer match the scrubber.
describe("a key the 200-character preview would cut in half is scrubbed whole first", () => {
  const key = SPLIT_TEST_KEY;
  const basic = Buffer.from(`${TEST_CLOUD_ID}/${TEST_USERNAME}:${key}`).toString("base64");
  let canned: CannedServer | undefined;
  afterEach(() => canned?.stop());

  /** `before` characters of padding, then `echoed`, then more text: the cut at 200 falls inside. */
  const at = (before: number, echoed: string) => `${"x".repeat(before)}${echoed} and more text`;
  /** A JSON object whose `echo` member's value starts at character `start` of the body. */
  const jsonWithEchoAt = (start: number, echoed: string, head = "") => {
    const opening = `{${head}"pad":"`;
    const middle = '","echo":"';
    const pad = "x".repeat(start - opening.length - middle.length);
    return `${opening}${pad}${middle}${echoed}"}`;
  };

  const cases: Array<[what: string, answer: CannedAnswer, code: string]> = [
    [
      "a 200 that is not JSON, quoting the key",
      { status: 200, body: at(190, key) },
      "MALFORMED_RESPONSE",
    ],
    [
      "a 200 that is not JSON, quoting the URL-encoded key",
      { status: 200, body: at(190, encodeURIComponent(key)) },
      "MALFORMED_RESPONSE",
    ],
    [
      "a 200 that is not JSON, quoting the Authorization header",
      { status: 200, body: at(143, `Authorization: Basic ${basic}`) },
      "MALFORMED_RESPONSE",
    ],
    [
      "a 200 whose JSON breaks at the unquoted key (the parser quotes a few characters around the fault)",
      { status: 200, body: `{"echo": ${key}}` },
      "MALFORMED_RESPONSE",
    ],
    [
      "a 200 of the wrong shape, quoting the key",
      { status: 200, body: jsonWithEchoAt(190, key) },
      "UNEXPECTED_RESPONSE",
    ],
    [
      "a 200 carrying an error without a text, quoting the key",
      { status: 200, body: jsonWithEchoAt(190, key, '"error":{"code":"0002"},') },
      "0002",
    ],
    ["a 400 in plain text, quoting the key", { status: 400, body: at(190, key) }, "HTTP 400"],
    [
      "a 401 in plain text, quoting the URL-encoded key",
      { status: 401, body: at(195, encodeURIComponent(key)) },
      "HTTP 401",
    ],
    [
      "a 500 whose JSON says nothing readable, quoting the key",
      { status: 500, body: jsonWithEchoAt(190, key) },
      "HTTP 500",
    ],
  ];

  test.each(cases)("%s: no piece of the key reaches the error", async (_what, answer, code) => {
    canned = await startCannedServer(() => answer);
    const error = await errors.aculabError(
      clientFor(canned.url, { apiKey: key }).getSupportedCountries(),
    );
    expect(error.code).toBe(code);
    expect(keyPiecesIn(everythingShownBy(error), key)).toEqual([]);
  });

  test("the preview shows the redaction mark where the key was, then cuts", async () => {
    canned = await startCannedServer(() => ({ status: 400, body: at(190, key) }));
    const error = await errors.aculabError(
      clientFor(canned.url, { apiKey: key }).getSupportedCountries(),
    );
    expect(error.text).toBe(`${"x".repeat(190)}[redacted]…`);
    expect(error.message).toBe(
      `Aculab tel_get_supported_countries failed (HTTP 400): [HTTP 400] ${"x".repeat(190)}[redacted]….`,
    );
  });
});
