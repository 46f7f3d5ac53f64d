// Fault injection: certain at rate 1, repeatable with a seed, counted, and placed where a
// client must cope with it (before any effect, or after a committed purchase).

import { seededRandom } from "./faults";
import { startSimulator } from "./server";
import { aculabError, call } from "../test/support/simulatorCalls";
import type { FaultSettings, RunningSimulator } from "./types";

let sim: RunningSimulator;
afterEach(() => sim.stop());

const bilbao = { country: "Spain", region: "Bilbao" };
const zeroCounts = { "429": 0, "500": 0, "503": 0, dropAfterPurchase: 0, failAfterCommit: 0 };

test("a service's 503 rate of 1 fails that service only, before any effect", async () => {
  sim = await startSimulator({ seed: 7, faults: { errorRates: { tel_purchase: { 503: 1 } } } });
  const res = await call(sim, "tel_purchase", bilbao);
  expect(res).toMatchObject({
    status: 503,
    body: aculabError("0503", "Service temporarily unavailable (injected by the simulator)"),
  });
  expect(sim.ownedNumbers()).toEqual({});
  expect((await call(sim, "tel_list_numbers")).status).toBe(200);
  expect(sim.faultCounts()).toEqual({ ...zeroCounts, "503": 1 });
  expect(sim.requests()[0].fault).toBe("503");
});

test('"*" applies to every service; 429 carries Retry-After', async () => {
  sim = await startSimulator({ faults: { errorRates: { "*": { 429: 1 } } } });
  for (const service of ["tel_list_numbers", "tel_get_supported_countries"]) {
    const res = await call(sim, service);
    expect(res).toMatchObject({
      status: 429,
      body: aculabError("0429", "Too many requests (injected by the simulator)"),
    });
    expect(res.headers.get("retry-after")).toBe("1");
  }
  expect(sim.faultCounts()["429"]).toBe(2);
});

test("a service's own rate replaces the '*' rate for that status", async () => {
  sim = await startSimulator({
    faults: { errorRates: { "*": { 500: 1 }, tel_list_numbers: { 500: 0 } } },
  });
  expect((await call(sim, "tel_list_numbers")).status).toBe(200);
  expect((await call(sim, "tel_get_supported_countries")).status).toBe(500);
});

test("dropAfterPurchase commits, then hangs up without answering", async () => {
  sim = await startSimulator({ faults: { dropAfterPurchase: 1 } });
  await expect(call(sim, "tel_purchase", bilbao)).rejects.toThrow();
  expect(Object.keys(sim.ownedNumbers())).toEqual(["34944100001"]);
  expect(sim.faultCounts()).toEqual({ ...zeroCounts, dropAfterPurchase: 1 });
  expect(sim.requests()[0].fault).toBe("dropAfterPurchase");
});

test("failAfterCommit commits, then answers 500 like any internal error", async () => {
  sim = await startSimulator({ faults: { failAfterCommit: 1 } });
  const res = await call(sim, "tel_purchase", bilbao);
  expect(res).toMatchObject({
    status: 500,
    body: aculabError("0500", "Internal server error (injected by the simulator)"),
  });
  expect(Object.keys(sim.ownedNumbers())).toEqual(["34944100001"]);
  expect(sim.faultCounts().failAfterCommit).toBe(1);
});

test("after-commit faults spare a purchase that failed validation", async () => {
  sim = await startSimulator({ faults: { dropAfterPurchase: 1, failAfterCommit: 1 } });
  const res = await call(sim, "tel_purchase", { country: "France", region: "Avignon" });
  expect(res.status).toBe(400);
  expect(sim.faultCounts()).toEqual(zeroCounts);
});

test("the same seed gives the same sequence of faults", async () => {
  const faults: FaultSettings = { errorRates: { "*": { 503: 0.5 } } };
  const run = async (seed: number) => {
    sim = await startSimulator({ seed, faults });
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await call(sim, "tel_list_numbers")).status);
    await sim.stop();
    return statuses;
  };
  const a = await run(42);
  const b = await run(42);
  expect(a).toEqual(b);
  expect(a).toContain(503);
  expect(a).toContain(200);
  sim = await startSimulator();
});

test("setFaults switches faults on and off at any time", async () => {
  sim = await startSimulator();
  expect((await call(sim, "tel_list_numbers")).status).toBe(200);
  sim.setFaults({ errorRates: { tel_list_numbers: { 500: 1 } } });
  expect((await call(sim, "tel_list_numbers")).status).toBe(500);
  sim.setFaults({});
  expect((await call(sim, "tel_list_numbers")).status).toBe(200);
  expect(() => sim.setFaults({ errorRates: { "*": { 404: 1 } as never } })).toThrow(
    "Fault status 404 for * is not one of 429, 500, 503",
  );
});

test("latencyMs delays every answer", async () => {
  sim = await startSimulator({ faults: { latencyMs: 150 } });
  const t0 = Date.now();
  await call(sim, "tel_list_numbers", {}, { authorization: null });
  expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
});

test("stop() does not wait for answers held back by latency", async () => {
  sim = await startSimulator({ faults: { latencyMs: 60_000 } });
  const pending = call(sim, "tel_list_numbers").catch((e: unknown) => e);
  // Once the simulator holds the request (an event, not a guess at how long it takes to arrive).
  while (sim.requests().length === 0) await new Promise((r) => setTimeout(r, 5));
  const t0 = Date.now();
  await sim.stop();
  // Waiting for the held answer would take 60 s; half that is a bound no machine load reaches.
  expect(Date.now() - t0).toBeLessThan(30_000);
  expect(String(await pending)).toMatch(/fetch failed/);
  sim = await startSimulator();
});

test("seededRandom is deterministic and within [0, 1)", () => {
  const a = seededRandom(3);
  const b = seededRandom(3);
  const xs = Array.from({ length: 1000 }, () => a());
  expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
  expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  expect(new Set(xs).size).toBeGreaterThan(990);
});
