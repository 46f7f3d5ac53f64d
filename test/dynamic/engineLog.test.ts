import * as path from "node:path";
import { createDeployment, Deployment, RunningHost, startDynamicHost } from "../../harness";
import { AculabClient } from "../../provider/client";

// Per test and hook: far above the time measured on a loaded machine (docs/testing.md).
jest.setTimeout(300_000);

// What the dynamic door tells the engine. Pulumi's dynamic-provider host is started with the
// engine's address but never connects pulumi.log to it; the provider it loads does, through the
// engine's Log service, which the harness serves at that address as the engine does.
const PROVIDER_KEY = "__provider";
const NAME_KEY = "__resourceName";
const milton = { country: "United Kingdom", region: "Milton Keynes", didType: "geographic" };

let deployment: Deployment;
let serialized: string;
const hosts: RunningHost[] = [];

/** One `pulumi` command's host process. */
async function command(): Promise<RunningHost> {
  const host = await startDynamicHost(deployment.workspace.programDir, deployment.config);
  hosts.push(host);
  return host;
}

const type = "pulumi-nodejs:dynamic/aculab:InboundNumber";
const urn = (name: string) => `urn:pulumi:dev::aculab-program::${type}::${name}`;
const props = (name: string, inputs: object) => ({
  ...inputs,
  [PROVIDER_KEY]: serialized,
  [NAME_KEY]: name,
});

beforeEach(async () => {
  deployment = await createDeployment(path.join(__dirname, "..", "programs", "lifecycle"));
  const registrations = await deployment.capture();
  serialized = registrations.find((r) => r.type === type)!.inputs[PROVIDER_KEY] as string;
});
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.stop();
  await deployment.close();
});

it("each Aculab request is a debug line for the engine, there before the operation answers, without the key", async () => {
  const host = await command();
  const { simulator } = deployment;
  simulator.resetRequestLog();
  await host.client.create(urn("support"), props("support", milton));
  const received = host.engineLog.entries.map((e) => ({
    ...e,
    message: e.message.replace(/ in \d+ ms/, " in N ms"),
  }));
  expect(received).toEqual(
    simulator.requests().map((r) => ({
      severity: "debug",
      message: `aculab: ${r.service} answered HTTP 200 in N ms`,
      urn: "",
    })),
  );
  expect(received.map((e) => e.message)).toContain(
    "aculab: tel_purchase answered HTTP 200 in N ms",
  );
  const told = JSON.stringify(host.engineLog.entries);
  expect(told).not.toContain(simulator.credentials.apiKey);
  expect(told).not.toContain(simulator.credentials.username);
});

it("a number left to the resource that adopted it is a warning for the engine, naming both (the door knows no URN)", async () => {
  const { simulator } = deployment;
  const outside = new AculabClient({ ...simulator.credentials, endpoint: simulator.url });
  const [number] = await outside.purchaseNumbers({ ...milton, didType: "geographic", quantity: 1 });
  const adopted = await (
    await command()
  ).client.create(urn("support"), props("support", { ...milton, number }));
  // The next `pulumi up` renames it: the engine creates the new name, then deletes the old one.
  const next = await command();
  await next.client.create(urn("help"), props("help", { ...milton, number }));
  await next.client.delete(urn("support"), adopted.id, adopted.properties);
  expect(next.engineLog.entries.filter((e) => e.severity !== "debug")).toEqual([
    {
      severity: "warning",
      message:
        `aculab: number ${number} was not released: InboundNumber "help" adopted it in this deployment ` +
        `and holds it now, so the resource being deleted leaves it to that resource (the account keeps it).`,
      urn: "",
    },
  ]);
  expect(Object.keys(simulator.ownedNumbers())).toEqual([number]);
});
