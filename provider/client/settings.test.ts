// Where the client sends the API key: https to Aculab by default, plain http only to loopback
// (the simulator), and never on to wherever a redirect points.

import { CANARY_API_KEY } from "../../harness/deployment";
import { AculabClient } from "./client";
import {
  CannedServer,
  clientFor,
  ErrorCollector,
  jsonAnswer,
  startCannedServer,
  TEST_CLOUD_ID,
  TEST_USERNAME,
} from "../../test/support/clientTestServer";

const errors = new ErrorCollector();
afterAll(() => {
  expect(errors.count).toBeGreaterThan(0);
  expect(errors.leaks(CANARY_API_KEY)).toEqual([]);
});

const credentials = { cloudId: TEST_CLOUD_ID, username: TEST_USERNAME, apiKey: CANARY_API_KEY };

test("without an endpoint the client talks to https://ws-<cloudId>.aculabcloud.net", () => {
  expect(new AculabClient(credentials).baseUrl).toBe("https://ws-1-2-0.aculabcloud.net");
  expect(new AculabClient({ ...credentials, cloudId: "10-3-7" }).baseUrl).toBe(
    "https://ws-10-3-7.aculabcloud.net",
  );
});

test("an endpoint's trailing slashes are dropped so paths join cleanly", () => {
  expect(
    new AculabClient({ ...credentials, endpoint: "https://aculab.example.com/api//" }).baseUrl,
  ).toBe("https://aculab.example.com/api");
});

test.each([
  "http://127.0.0.1:8080",
  "http://localhost:8080",
  "http://127.0.0.2:9",
  "http://[::1]:8080",
])("plain http is allowed to the loopback address %s", (endpoint) => {
  expect(new AculabClient({ ...credentials, endpoint }).baseUrl).toBe(endpoint);
});

test.each([
  "http://ws-1-2-0.aculabcloud.net",
  "http://10.0.0.5:8080",
  "http://127.0.0.1.example.com",
])("plain http to %s is refused, saying to use https", (endpoint) => {
  const error = errors.thrownBy(() => new AculabClient({ ...credentials, endpoint }));
  expect(error).toEqual(
    new Error(
      `Aculab endpoint "${endpoint}" uses plain http: only loopback addresses (the simulator) may; ` +
        "use https:// so the API key is not sent in clear text",
    ),
  );
});

test("an endpoint that is not a URL names the setting to fix", () => {
  const error = errors.thrownBy(
    () => new AculabClient({ ...credentials, endpoint: "ws-1-2-0.aculabcloud.net" }),
  );
  expect(error).toEqual(
    new Error(
      'Aculab endpoint "ws-1-2-0.aculabcloud.net" is not a valid URL: set aculab:endpoint (or ACULAB_ENDPOINT) ' +
        "to e.g. https://ws-1-2-0.aculabcloud.net",
    ),
  );
});

test("an endpoint with another scheme is refused", () => {
  const error = errors.thrownBy(
    () => new AculabClient({ ...credentials, endpoint: "ftp://ws-1-2-0.aculabcloud.net" }),
  );
  expect(error).toEqual(
    new Error('Aculab endpoint "ftp://ws-1-2-0.aculabcloud.net" must be an https:// URL'),
  );
});

describe("a redirect", () => {
  let origin: CannedServer;
  let elsewhere: CannedServer;
  beforeEach(async () => {
    // Another host: 127.0.0.2 is loopback too, but not the configured address.
    elsewhere = await startCannedServer(() => jsonAnswer(200, ["Canada"]), "127.0.0.2");
    origin = await startCannedServer((request) => ({
      status: 302,
      headers: { Location: `${elsewhere.url}${request.url}` },
    }));
  });
  afterEach(async () => {
    await origin.stop();
    await elsewhere.stop();
  });

  test("is not followed, so the key never reaches the other host, and the error says so", async () => {
    const error = await errors.aculabError(clientFor(origin.url).getSupportedCountries());
    const text =
      `redirected to ${elsewhere.url}/tel_get_supported_countries; redirects are not followed so the API ` +
      "key stays with the configured host";
    expect(error).toMatchObject({
      service: "tel_get_supported_countries",
      status: 302,
      code: "HTTP 302",
      text,
      outcome: "rejected",
    });
    expect(error.message).toBe(
      `Aculab tel_get_supported_countries failed (HTTP 302): [HTTP 302] ${text}.`,
    );
    expect(origin.requests).toHaveLength(1);
    expect(elsewhere.requests).toHaveLength(0);
  });

  test("of a purchase is not followed either", async () => {
    const error = await errors.aculabError(
      clientFor(origin.url).purchaseNumbers({ country: "Spain", region: "Bilbao" }),
    );
    expect(error).toMatchObject({ service: "tel_purchase", status: 302, code: "HTTP 302" });
    expect(origin.requests).toHaveLength(1);
    expect(elsewhere.requests).toHaveLength(0);
  });
});
