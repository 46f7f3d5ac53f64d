// The request as bytes: how the client spells a call on the wire (form POST, headers, Basic
// auth, \uXXXX escapes), checked on a canned server that records the raw request, and then
// accepted by the simulator.

import { CANARY_API_KEY } from "../../harness/deployment";
import type { RunningSimulator } from "../../simulator";
import {
  CannedServer,
  clientFor,
  jsonAnswer,
  startCannedServer,
  TEST_CLOUD_ID,
  TEST_USERNAME,
  startTestSimulator,
} from "../../test/support/clientTestServer";
import { eachTest } from "../../test/support/eachTest";

let canned: CannedServer;
beforeEach(async () => {
  canned = await startCannedServer((request) =>
    request.url === "/tel_delete_numbers"
      ? jsonAnswer(200, { status: "OK" })
      : jsonAnswer(200, ["15873150001"]),
  );
});
afterEach(() => canned.stop());

test("a call is one form-encoded POST to /<service> asking for JSON, with Basic auth <cloudId>/<username>", async () => {
  await clientFor(canned.url).purchaseNumbers({
    country: "Canada",
    state: "Alberta",
    region: "Calgary",
  });

  expect(canned.requests).toHaveLength(1);
  const [request] = canned.requests;
  expect(request.method).toBe("POST");
  expect(request.url).toBe("/tel_purchase");
  expect(request.headers["content-type"]).toBe("application/x-www-form-urlencoded");
  expect(request.headers.accept).toBe("application/json");
  expect(request.body).toBe("country=Canada&state=Alberta&region=Calgary");

  const [scheme, encoded] = (request.headers.authorization ?? "").split(" ");
  expect(scheme).toBe("Basic");
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  expect(decoded.startsWith(`${TEST_CLOUD_ID}/${TEST_USERNAME}:`)).toBe(true);
  expect(decoded === `${TEST_CLOUD_ID}/${TEST_USERNAME}:${CANARY_API_KEY}`).toBe(true);
});

test("each parameter appears once, unset ones not at all, booleans as True/False", async () => {
  await clientFor(canned.url).purchaseNumbers({
    country: "Spain",
    region: "901",
    quantity: 3,
    didType: "tollfree",
    allowLandline: true,
    allowCellular: false,
    allowPayphone: true,
    state: undefined,
    basedOn: undefined,
  });
  const body = canned.requests[0].body;
  expect(body).toBe(
    "country=Spain&region=901&quantity=3&did_type=tollfree&allow_landline=True&allow_cellular=False&allow_payphone=True",
  );
  const names = [...new URLSearchParams(body).keys()];
  expect(new Set(names).size).toBe(names.length);
});

test("a list goes as one comma-separated value, not a repeated name", async () => {
  const result = await clientFor(canned.url).deleteNumbers({
    numbers: ["441908538007", "441908538008"],
  });
  expect(result).toEqual({ status: "OK" });
  expect(canned.requests.map((r) => [r.url, r.body])).toEqual([
    ["/tel_delete_numbers", "numbers=441908538007%2C441908538008"],
  ]);
});

test("a service without parameters sends an empty body", async () => {
  await clientFor(canned.url).getSupportedCountries();
  expect(canned.requests.map((r) => [r.url, r.body])).toEqual([
    ["/tel_get_supported_countries", ""],
  ]);
});

describe("unicode, as the reference's note asks", () => {
  let sim: RunningSimulator;
  eachTest(
    () => startTestSimulator({ inboundServices: ["support-line", "support-line \u{1F600}"] }),
    (started) => (sim = started),
  );

  test("Mönchengladbach goes as M\\u00f6nchengladbach and is bought", async () => {
    const params = { country: "Germany", region: "Mönchengladbach" };
    await clientFor(canned.url).purchaseNumbers(params);
    // Form encoding turns the backslash into %5C; the body itself is pure ASCII.
    expect(canned.requests[0].body).toBe("country=Germany&region=M%5Cu00f6nchengladbach");
    expect(new URLSearchParams(canned.requests[0].body).get("region")).toBe(
      "M\\u00f6nchengladbach",
    );

    const numbers = await clientFor(sim.url).purchaseNumbers(params);
    expect(numbers).toEqual(["492161555001"]);
    const [received] = sim.requests();
    expect(received.rawParams).toEqual({ country: "Germany", region: "M\\u00f6nchengladbach" });
    expect(received.params).toEqual({ country: "Germany", region: "Mönchengladbach" });
    expect(sim.ownedNumbers()["492161555001"].region).toBe("Mönchengladbach");
  });

  test("a character beyond U+FFFF goes as two escapes, its UTF-16 surrogate pair", async () => {
    const params = {
      country: "Canada",
      state: "Alberta",
      region: "Calgary",
      basedOn: "support-line \u{1F600}",
    };
    await clientFor(canned.url).purchaseNumbers(params);
    expect(new URLSearchParams(canned.requests[0].body).get("based_on")).toBe(
      "support-line \\ud83d\\ude00",
    );

    const numbers = await clientFor(sim.url).purchaseNumbers(params);
    expect(numbers).toEqual(["15873150001"]);
    const [received] = sim.requests();
    expect(received.rawParams.based_on).toBe("support-line \\ud83d\\ude00");
    expect(received.params.based_on).toBe("support-line \u{1F600}");
  });
});
