// Authentication and the request log, which tests of the provider rely on.

import { startSimulator } from "./server";
import { aculabError, basicAuth, call } from "../test/support/simulatorCalls";
import type { RunningSimulator } from "./types";

let sim: RunningSimulator;
afterEach(() => sim.stop());

const AUTH_FAILED = aculabError(
  "0401",
  "Authentication failed: use '1-2-0/bob@example.com' as the user name and the account's API access key as the password",
);

describe("basic authentication", () => {
  beforeEach(async () => {
    sim = await startSimulator();
  });

  test("the defaults are 1-2-0 / bob@example.com / the development key", () => {
    expect(sim.credentials).toEqual({
      cloudId: "1-2-0",
      username: "bob@example.com",
      apiKey: "aculab-simulator-dev-key",
    });
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  test("no credentials: 401, 0401, a Basic challenge", async () => {
    const res = await call(sim, "tel_list_numbers", {}, { authorization: null });
    expect(res).toMatchObject({ status: 401, body: AUTH_FAILED });
    expect(res.headers.get("www-authenticate")).toBe('Basic realm="Aculab Cloud simulator"');
  });

  test.each([
    ["wrong key", "1-2-0/bob@example.com", "not-the-key-42"],
    ["wrong cloud id", "9-9-9/bob@example.com", "aculab-simulator-dev-key"],
    ["user without cloud id", "bob@example.com", "aculab-simulator-dev-key"],
  ])("%s: 401 and the password is echoed nowhere", async (_case, user, password) => {
    const res = await call(
      sim,
      "tel_list_numbers",
      {},
      { authorization: basicAuth(user, password) },
    );
    expect(res).toMatchObject({ status: 401, body: AUTH_FAILED });
    expect(JSON.stringify(res.body)).not.toContain(password);
    expect(JSON.stringify(sim.requests())).not.toContain(password);
    expect(sim.requests()[0].authorizedUser).toBeNull();
  });

  test("a non-Basic scheme is refused", async () => {
    const res = await call(
      sim,
      "tel_list_numbers",
      {},
      { authorization: "Bearer aculab-simulator-dev-key" },
    );
    expect(res).toMatchObject({ status: 401, body: AUTH_FAILED });
  });

  test("authentication comes before parameter checks: nothing leaks to strangers", async () => {
    const res = await call(sim, "tel_purchase", { country: "Nowhere" }, { authorization: null });
    expect(res.status).toBe(401);
  });
});

test("custom credentials are the only ones accepted", async () => {
  sim = await startSimulator({
    cloudId: "7-0-1",
    username: "ci@example.org",
    apiKey: "k3y:with:colons",
  });
  const ok = await call(sim, "tel_list_numbers");
  expect(ok).toMatchObject({ status: 200, body: {} });
  const old = await call(
    sim,
    "tel_list_numbers",
    {},
    {
      authorization: basicAuth("1-2-0/bob@example.com", "aculab-simulator-dev-key"),
    },
  );
  expect(old.status).toBe(401);
  expect(sim.requests().map((r) => r.authorizedUser)).toEqual(["7-0-1/ci@example.org", null]);
});

describe("request log", () => {
  beforeEach(async () => {
    sim = await startSimulator();
  });

  test("records service, method, decoded and raw params, Accept and the user", async () => {
    await call(sim, "tel_purchase_development", {
      country: "Germany",
      region: "M\\u00f6nchengladbach",
    });
    expect(sim.requests()).toEqual([
      {
        service: "tel_purchase_development",
        method: "GET",
        params: { country: "Germany", region: "M\u00f6nchengladbach" },
        rawParams: { country: "Germany", region: "M\\u00f6nchengladbach" },
        accept: "application/json",
        authorizedUser: "1-2-0/bob@example.com",
      },
    ]);
  });

  test("callCounts counts per service; resetRequestLog clears both", async () => {
    await call(sim, "tel_list_numbers");
    await call(sim, "tel_list_numbers", {}, { authorization: null });
    await call(sim, "tel_get_supported_countries");
    expect(sim.callCounts()).toEqual({ tel_list_numbers: 2, tel_get_supported_countries: 1 });
    sim.resetRequestLog();
    expect(sim.requests()).toEqual([]);
    expect(sim.callCounts()).toEqual({});
  });

  test("requests() is a copy the caller cannot corrupt", async () => {
    await call(sim, "tel_list_numbers");
    sim.requests()[0].service = "changed";
    expect(sim.requests()[0].service).toBe("tel_list_numbers");
  });
});

test("stop() closes keep-alive sockets and frees the port", async () => {
  sim = await startSimulator();
  await call(sim, "tel_list_numbers");
  await sim.stop();
  await expect(fetch(`${sim.url}/tel_list_numbers`)).rejects.toThrow();
  sim = await startSimulator(); // afterEach stops this one
});

test("invalid options are refused at start", async () => {
  await expect(startSimulator({ stockPerRegion: -1 })).rejects.toThrow(
    "stockPerRegion must be a non-negative integer, got -1",
  );
  await expect(startSimulator({ faults: { dropAfterPurchase: 2 } })).rejects.toThrow(
    "Fault rate dropAfterPurchase must be between 0 and 1, got 2",
  );
  sim = await startSimulator();
});

test("stop() can be called twice", async () => {
  sim = await startSimulator();
  await sim.stop();
  await expect(sim.stop()).resolves.toBeUndefined();
});
