// Where the client sends the API key: https to Aculab by default, plain http only to loopback
// (the simulator), and never on to wherever a redirect points.

import { CANARY_API_KEY } from "../../harness/deployment";
import { AculabClient } from "./client";
import {
  CannedServer,
  clientFor,
  collectedErrors,
  jsonAnswer,
  startCannedServer,
  TEST_CLOUD_ID,
  TEST_USERNAME,
} from "../../test/support/clientTestServer";

const errors = collectedErrors();

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

// Issue 20: the cloud id names the host the API key is sent to (https://ws-<cloudId>.aculabcloud.net),
// so it is checked against the form the reference shows (1-2-0) before any URL is made from it.
describe("cloudId", () => {
  const CLOUD_ID_RULE =
    "Aculab client settings are invalid: cloudId: is not an Aculab Cloud id, which is three numbers joined " +
    "by hyphens as in 1-2-0 (the host is https://ws-<cloudId>.aculabcloud.net): set aculab:cloudId " +
    "(or ACULAB_CLOUD_ID) to your account's cloud id.";

  test.each([
    ["a host of its own", "evil.example.com/x?"],
    ["a subdomain of another host", "1-2-0.evil.example#"],
    ["user info", "1-2-0@evil.example"],
    ["a port", "1-2-0:8443"],
    ["the user name pasted with it", "1-2-0/bob@example.com"],
    ["a space", "1-2-0 "],
    ["underscores", "1_2_0"],
    ["two parts", "1-2"],
    ["letters", "one-two-zero"],
  ])("with %s is refused by name, before any URL or request is made", (_what, cloudId) => {
    const error = errors.thrownBy(() => new AculabClient({ ...credentials, cloudId }));
    // One text whatever the value: it is never echoed, since a misplaced API key could be in it.
    expect(error).toEqual(new Error(CLOUD_ID_RULE));
  });

  test("is checked with an endpoint too (it is the Basic-auth user's prefix), and no request is made", async () => {
    const server = await startCannedServer(() => jsonAnswer(200, []));
    try {
      const error = errors.thrownBy(
        () => new AculabClient({ ...credentials, cloudId: "evil.example/", endpoint: server.url }),
      );
      expect(error).toEqual(new Error(CLOUD_ID_RULE));
      expect(server.requests).toEqual([]);
    } finally {
      await server.stop();
    }
  });

  test("an empty cloudId says so", () => {
    expect(errors.thrownBy(() => new AculabClient({ ...credentials, cloudId: "" }))).toEqual(
      new Error(
        "Aculab client settings are invalid: cloudId: must not be empty (e.g. 1-2-0): set aculab:cloudId " +
          "(or ACULAB_CLOUD_ID) to your account's cloud id.",
      ),
    );
  });

  test.each(["1-2-0", "10-3-7", "2-0-0"])("%s is a cloud id", (cloudId) => {
    expect(new AculabClient({ ...credentials, cloudId }).baseUrl).toBe(
      `https://ws-${cloudId}.aculabcloud.net`,
    );
  });
});
