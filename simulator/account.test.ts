// Persistence: a restarted simulator still owns what it sold and never resells a number.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { writeFileAtomically } from "./account";
import { startSimulator } from "./server";
import { call } from "../test/support/simulatorCalls";
import type { RunningSimulator } from "./types";

let dir: string;
let sim: RunningSimulator | undefined;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "aculab-sim-"));
});
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

test("owned numbers and counters survive a restart", async () => {
  const statePath = path.join(dir, "state.json");
  sim = await startSimulator({ statePath });
  await call(sim, "tel_purchase", { country: "Spain", region: "Bilbao", quantity: "2" });
  await call(sim, "tel_delete_numbers", { numbers: "34944100002" });
  await sim.stop();

  sim = await startSimulator({ statePath });
  expect(Object.keys((await call(sim, "tel_list_numbers")).body as object)).toEqual([
    "34944100001",
  ]);
  const next = await call(sim, "tel_purchase", { country: "Spain", region: "Bilbao" });
  expect(next).toMatchObject({ status: 200, body: ["34944100003"] });
  const del = await call(sim, "tel_delete_numbers", { numbers: "34944100001" });
  expect(del).toMatchObject({ status: 200, body: { status: "OK" } });
});

test("the state is written after every change, and no temporary file is left", async () => {
  const statePath = path.join(dir, "nested", "state.json");
  sim = await startSimulator({ statePath });
  expect(fs.existsSync(statePath)).toBe(false);
  await call(sim, "tel_purchase", { country: "Canada", state: "Alberta", region: "Calgary" });
  const saved = JSON.parse(fs.readFileSync(statePath, "utf8"));
  expect(saved.owned["15873150001"]).toMatchObject({
    country: "Canada",
    state: "Alberta",
    region: "Calgary",
  });
  await call(sim, "tel_delete_numbers", { numbers: "15873150001" });
  expect(JSON.parse(fs.readFileSync(statePath, "utf8")).owned).toEqual({});
  expect(fs.readdirSync(path.dirname(statePath))).toEqual(["state.json"]);
});

test("nothing that fails validation touches the state file", async () => {
  const statePath = path.join(dir, "state.json");
  sim = await startSimulator({ statePath });
  await call(sim, "tel_purchase", { country: "France", region: "Avignon" });
  expect(fs.existsSync(statePath)).toBe(false);
});

test("a state file that is not ours stops the start instead of being overwritten", async () => {
  const statePath = path.join(dir, "state.json");
  fs.writeFileSync(statePath, '{"hello": "world"}');
  await expect(startSimulator({ statePath })).rejects.toThrow(
    `${statePath} is not an Aculab simulator state file (version 1)`,
  );
  expect(fs.readFileSync(statePath, "utf8")).toBe('{"hello": "world"}');
});

test("writeFileAtomically replaces the whole file and leaves only it", () => {
  const file = path.join(dir, "x.json");
  fs.writeFileSync(file, "old contents that are longer than the new ones");
  writeFileAtomically(file, "new");
  expect(fs.readFileSync(file, "utf8")).toBe("new");
  expect(fs.readdirSync(dir)).toEqual(["x.json"]);
});

test("writeFileAtomically removes its temporary file when the rename fails", () => {
  const target = path.join(dir, "a-directory");
  fs.mkdirSync(path.join(target, "not-empty"), { recursive: true });
  expect(() => writeFileAtomically(target, "x")).toThrow();
  expect(fs.readdirSync(dir)).toEqual(["a-directory"]);
});
