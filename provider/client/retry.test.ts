// Which failures are retried and which never are: a read-only service rides out transient
// faults, a purchase is sent exactly once whatever happens, and every failure says whether the
// request may have been carried out.

import type { FaultStatus, RunningSimulator } from "../../simulator";
import { backoffDelay, retryPolicySchema } from "./retry";
import {
  CannedAnswer,
  CannedServer,
  clientFor,
  closedPortUrl,
  collectedErrors,
  FAST_RETRY,
  jsonAnswer,
  startCannedServer,
  startTestSimulator,
} from "../../test/support/clientTestServer";
import { eachTest } from "../../test/support/eachTest";

const errors = collectedErrors();

const CALGARY = { country: "Canada", state: "Alberta", region: "Calgary" };
const MAY_HAVE_HAPPENED = "The request may have reached Aculab and been carried out.";

describe("against the simulator's fault injection", () => {
  let sim: RunningSimulator;
  eachTest(startTestSimulator, (started) => (sim = started));

  test("tel_list_numbers retries a 503 up to maxAttempts, then works once the fault is off", async () => {
    sim.setFaults({ errorRates: { tel_list_numbers: { 503: 1 } } });
    const client = clientFor(sim.url, { retry: { ...FAST_RETRY, maxAttempts: 3 } });

    const error = await errors.aculabError(client.listNumbers());
    expect(error).toMatchObject({
      service: "tel_list_numbers",
      status: 503,
      code: "0503",
      outcome: "unknown",
    });
    expect(sim.requests().map((r) => [r.service, r.fault])).toEqual([
      ["tel_list_numbers", "503"],
      ["tel_list_numbers", "503"],
      ["tel_list_numbers", "503"],
    ]);

    sim.setFaults({});
    await client.purchaseNumbers(CALGARY);
    expect(Object.keys(await client.listNumbers())).toEqual(["15873150001"]);
    expect(sim.requests().map((r) => [r.service, r.fault])).toEqual([
      ["tel_list_numbers", "503"],
      ["tel_list_numbers", "503"],
      ["tel_list_numbers", "503"],
      ["tel_purchase", undefined],
      ["tel_list_numbers", undefined],
    ]);
  });

  test("a 429 on a read-only service is retried and stays rejected", async () => {
    sim.setFaults({ errorRates: { tel_get_supported_regions: { 429: 1 } } });
    const client = clientFor(sim.url, { retry: { ...FAST_RETRY, maxAttempts: 2 } });
    const error = await errors.aculabError(client.getSupportedRegions({ country: "Canada" }));
    expect(error).toMatchObject({ status: 429, code: "0429", outcome: "rejected" });
    expect(sim.callCounts()).toEqual({ tel_get_supported_regions: 2 });
  });

  test.each<[FaultStatus, "unknown" | "rejected"]>([
    [500, "unknown"],
    [503, "unknown"],
    [429, "rejected"],
  ])("tel_purchase answered %s is sent exactly once (outcome %s)", async (status, outcome) => {
    sim.setFaults({ errorRates: { tel_purchase: { [status]: 1 } } });
    const client = clientFor(sim.url, { retry: { ...FAST_RETRY, maxAttempts: 5 } });
    const error = await errors.aculabError(client.purchaseNumbers(CALGARY));
    expect(error).toMatchObject({ service: "tel_purchase", status, code: `0${status}`, outcome });
    expect(sim.callCounts()).toEqual({ tel_purchase: 1 });
    expect(sim.ownedNumbers()).toEqual({});
  });

  test("tel_purchase_development is not retried either", async () => {
    sim.setFaults({ errorRates: { tel_purchase_development: { 503: 1 } } });
    const client = clientFor(sim.url, { retry: { ...FAST_RETRY, maxAttempts: 5 } });
    await errors.aculabError(client.purchaseNumbersDevelopment(CALGARY));
    expect(sim.callCounts()).toEqual({ tel_purchase_development: 1 });
  });

  test("a 500 after the purchase committed: one request, outcome unknown, and the number is owned", async () => {
    sim.setFaults({ failAfterCommit: 1 });
    const error = await errors.aculabError(clientFor(sim.url).purchaseNumbers(CALGARY));
    expect(error).toMatchObject({
      service: "tel_purchase",
      status: 500,
      code: "0500",
      outcome: "unknown",
    });
    expect(error.message.endsWith(MAY_HAVE_HAPPENED)).toBe(true);
    expect(sim.callCounts()).toEqual({ tel_purchase: 1 });
    expect(Object.keys(sim.ownedNumbers())).toEqual(["15873150001"]);
  });

  test("a connection dropped after the purchase: outcome unknown, saying it may have been carried out", async () => {
    sim.setFaults({ dropAfterPurchase: 1 });
    const error = await errors.aculabError(clientFor(sim.url).purchaseNumbers(CALGARY));
    expect(error).toMatchObject({
      service: "tel_purchase",
      status: undefined,
      code: "ECONNRESET",
      text: "socket hang up",
      outcome: "unknown",
    });
    expect(error.message).toBe(
      `Aculab tel_purchase failed: [ECONNRESET] socket hang up. ${MAY_HAVE_HAPPENED}`,
    );
    expect(sim.requests().map((r) => r.fault)).toEqual(["dropAfterPurchase"]);
    expect(Object.keys(sim.ownedNumbers())).toEqual(["15873150001"]);
  });
});

describe("against a canned server", () => {
  let canned: CannedServer | undefined;
  afterEach(() => canned?.stop());

  async function serve(answer: (index: number) => CannedAnswer): Promise<CannedServer> {
    canned = await startCannedServer((_request, index) => answer(index));
    return canned;
  }

  test("a read-only service failing twice with 503 then answering succeeds on the third request", async () => {
    const server = await serve((i) =>
      i < 2 ? { status: 503 } : jsonAnswer(200, ["Canada", "Spain"]),
    );
    const countries = await clientFor(server.url).getSupportedCountries({ didType: "tollfree" });
    expect(countries).toEqual(["Canada", "Spain"]);
    expect(server.requests.map((r) => [r.url, r.body])).toEqual([
      ["/tel_get_supported_countries", "did_type=tollfree"],
      ["/tel_get_supported_countries", "did_type=tollfree"],
      ["/tel_get_supported_countries", "did_type=tollfree"],
    ]);
  });

  test("a dropped connection on a read-only service is retried", async () => {
    const server = await serve((i) => (i === 0 ? "drop" : jsonAnswer(200, {})));
    expect(await clientFor(server.url).listRegulationAddresses()).toEqual({});
    expect(server.requests).toHaveLength(2);
  });

  test("tel_delete_numbers is retried: repeating it is safe", async () => {
    const server = await serve((i) =>
      i === 0 ? { status: 500 } : jsonAnswer(200, { status: "OK" }),
    );
    expect(await clientFor(server.url).deleteNumbers({ numbers: ["15873150001"] })).toEqual({
      status: "OK",
    });
    expect(server.requests.map((r) => r.body)).toEqual([
      "numbers=15873150001",
      "numbers=15873150001",
    ]);
  });

  test("a dropped connection on a purchase is not retried", async () => {
    const server = await serve(() => "drop");
    const error = await errors.aculabError(clientFor(server.url).purchaseNumbers(CALGARY));
    expect(error).toMatchObject({ code: "ECONNRESET", outcome: "unknown" });
    expect(server.requests).toHaveLength(1);
  });

  test("no answer within timeoutMs is TIMEOUT with outcome unknown, and a purchase is not repeated", async () => {
    const server = await serve(() => "hang");
    const error = await errors.aculabError(
      clientFor(server.url, { timeoutMs: 200 }).purchaseNumbers(CALGARY),
    );
    expect(error).toMatchObject({
      service: "tel_purchase",
      status: undefined,
      code: "TIMEOUT",
      text: "no complete answer within 200 ms",
      outcome: "unknown",
    });
    expect(error.message.endsWith(MAY_HAVE_HAPPENED)).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  test("an answer that trickles in forever still ends at timeoutMs: it bounds the whole request", async () => {
    const server = await serve(() => "trickle");
    const error = await errors.aculabError(
      clientFor(server.url, { timeoutMs: 200 }).purchaseNumbers(CALGARY),
    );
    expect(error).toMatchObject({ service: "tel_purchase", code: "TIMEOUT", outcome: "unknown" });
    expect(server.requests).toHaveLength(1);
  });

  test("a read-only service that times out is retried, then reports TIMEOUT", async () => {
    const server = await serve(() => "hang");
    const client = clientFor(server.url, {
      timeoutMs: 200,
      retry: { ...FAST_RETRY, maxAttempts: 2 },
    });
    const error = await errors.aculabError(client.getSupportedStates({ country: "Canada" }));
    expect(error).toMatchObject({ code: "TIMEOUT", outcome: "unknown" });
    expect(server.requests).toHaveLength(2);
  });
});

test("connection refused on a closed port: outcome not-sent", async () => {
  const error = await errors.aculabError(clientFor(await closedPortUrl()).purchaseNumbers(CALGARY));
  expect(error).toMatchObject({
    service: "tel_purchase",
    status: undefined,
    code: "ECONNREFUSED",
    outcome: "not-sent",
  });
  expect(error.message.endsWith("The request did not reach Aculab.")).toBe(true);
  expect(error.provesNothingChanged).toBe(true);
});

describe("backoff schedule", () => {
  const policy = retryPolicySchema.parse({ baseDelayMs: 100, maxDelayMs: 1000 });

  test("the ceiling doubles per attempt up to maxDelayMs, and the jitter scales it", () => {
    const highest = () => 0.9999;
    expect([0, 1, 2, 3, 4, 5].map((attempt) => backoffDelay(policy, attempt, highest))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
    expect(backoffDelay(policy, 3, () => 0.5)).toBe(400);
    expect(backoffDelay(policy, 3, () => 0)).toBe(0);
  });

  test("defaults: 4 attempts, 200 ms base, 2 s cap, 20 s budget", () => {
    expect(retryPolicySchema.parse({})).toEqual({
      maxAttempts: 4,
      baseDelayMs: 200,
      maxDelayMs: 2000,
      maxElapsedMs: 20000,
    });
  });
});
