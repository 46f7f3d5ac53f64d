import { CANARY_API_KEY, EngineLogServer, startEngineLogServer } from "../../harness";
import { AculabClient } from "../../provider/client";
import { resourceTokens } from "../../provider/plugin";
import { RunningSimulator, startSimulator } from "../../simulator";
import { RunningPlugin, stackVariables, startPlugin, urnOf } from "./pluginProcess";

// Per test and hook: far above the time measured on a loaded machine (docs/testing.md).
jest.setTimeout(300_000);

// What the native plugin tells the engine, through the engine's Log service at the address the
// engine starts it with: each Aculab request at debug level, and a warning on its resource's URN.
const milton = {
  country: "United Kingdom",
  region: "Milton Keynes",
  didType: "geographic" as const,
};
const urn = (name: string) => urnOf(resourceTokens.InboundNumber, name);

let simulator: RunningSimulator;
let engine: EngineLogServer;
const plugins: RunningPlugin[] = [];

/** One `pulumi` command's plugin process, configured from the stack, telling `engine`. */
async function command(): Promise<RunningPlugin> {
  const plugin = await startPlugin({}, engine.address);
  plugins.push(plugin);
  await plugin.client.configure({}, stackVariables(simulator));
  return plugin;
}

beforeEach(async () => {
  simulator = await startSimulator({ apiKey: CANARY_API_KEY });
  engine = await startEngineLogServer();
});
afterEach(async () => {
  for (const plugin of plugins.splice(0)) await plugin.stop();
  await engine.stop();
  await simulator.stop();
});

/** The engine's entries with each duration as "N ms", to compare exactly. */
const received = () =>
  engine.entries.map((e) => ({ ...e, message: e.message.replace(/ in \d+ ms/, " in N ms") }));
/** The debug line each request the simulator answered should have given, in order. */
const answered = () =>
  simulator.requests().map((r) => ({
    severity: "debug",
    message: `aculab: ${r.service} answered HTTP 200 in N ms`,
    urn: "",
  }));

it("each Aculab request is a debug line for the engine, there before the operation answers, without the key", async () => {
  const plugin = await command();
  const created = await plugin.client.create(urn("support"), milton);
  // The operation has answered: what it logged is already with the engine.
  expect(received()).toEqual(answered());
  expect(answered().map((e) => e.message)).toContain(
    "aculab: tel_purchase answered HTTP 200 in N ms",
  );
  await plugin.client.delete(urn("support"), created.id, created.properties);
  expect(received()).toEqual(answered());
  expect(answered().at(-1)?.message).toBe("aculab: tel_delete_numbers answered HTTP 200 in N ms");
  const told = JSON.stringify(engine.entries);
  expect(told).not.toContain(CANARY_API_KEY);
  expect(told).not.toContain(simulator.credentials.username);
});

it("a number left to the resource that adopted it is a warning on the deleted resource's URN", async () => {
  const outside = new AculabClient({ ...simulator.credentials, endpoint: simulator.url });
  const [number] = await outside.purchaseNumbers({ ...milton, quantity: 1 });
  const adopted = await (await command()).client.create(urn("support"), { ...milton, number });
  // The next `pulumi up` renames it: the engine creates the new name, then deletes the old one.
  const next = await command();
  await next.client.create(urn("help"), { ...milton, number });
  await next.client.delete(urn("support"), adopted.id, adopted.properties);
  expect(engine.entries.filter((e) => e.severity !== "debug")).toEqual([
    {
      severity: "warning",
      message:
        `aculab: number ${number} was not released: InboundNumber "help" adopted it in this deployment ` +
        `and holds it now, so the resource being deleted leaves it to that resource (the account keeps it).`,
      urn: urn("support"),
    },
  ]);
  expect(Object.keys(simulator.ownedNumbers())).toEqual([number]);
});
