import * as fs from "node:fs";
import * as path from "node:path";
import { CANARY_API_KEY, ProviderOperationError, repositoryRoot } from "../../harness";
import { AculabClient } from "../../provider/client";
import { functionToken, resourceTokens } from "../../provider/plugin";
import { RunningSimulator, startSimulator } from "../../simulator";
import { providerArgs, RunningPlugin, stackVariables, startPlugin, urnOf } from "./pluginProcess";

// Per test and hook: far above the time measured on a loaded machine (docs/testing.md).
jest.setTimeout(300_000);

const UPDATE = 4;
const UPDATE_REPLACE = 5;
const inboundUrn = urnOf(resourceTokens.InboundNumber, "support");
const blockUrn = urnOf(resourceTokens.NumberBlock, "sales");
const tollfree = {
  country: "Spain",
  region: "901",
  didType: "tollfree",
  allowLandline: true,
  allowPayphone: true,
};

let simulator: RunningSimulator;
let plugin: RunningPlugin;
/** Every answer the plugin gave, to prove the API key is in none of them. */
const answers: unknown[] = [];
const seen = <T>(answer: T): T => (answers.push(answer), answer);
const calls = (service: string) => simulator.requests().filter((r) => r.service === service);

beforeAll(async () => {
  simulator = await startSimulator({ apiKey: CANARY_API_KEY });
  plugin = await startPlugin();
  seen(await plugin.client.configure({}, stackVariables(simulator)));
});
afterAll(async () => {
  await plugin.stop();
  await simulator.stop();
});
beforeEach(() => simulator.resetRequestLog());

it("GetSchema answers schema.json byte for byte, and GetPluginInfo the package version", async () => {
  expect(await plugin.client.getSchema()).toBe(
    fs.readFileSync(path.join(repositoryRoot, "schema.json"), "utf8"),
  );
  const { version } = JSON.parse(
    fs.readFileSync(path.join(repositoryRoot, "package.json"), "utf8"),
  );
  expect(await plugin.client.getPluginInfo()).toEqual({ version });
  await expect(plugin.client.cancel()).resolves.toBeUndefined();
});

describe("InboundNumber", () => {
  it("check, create, read, diff, update in place, diff to replace, delete", async () => {
    const checked = seen(
      await plugin.client.check(
        inboundUrn,
        {},
        { country: "United Kingdom", region: "Milton Keynes" },
      ),
    );
    expect(checked).toEqual({
      inputs: { country: "United Kingdom", region: "Milton Keynes", didType: "geographic" },
      failures: [],
    });
    simulator.resetRequestLog();
    const created = seen(await plugin.client.create(inboundUrn, checked.inputs));
    const owned = simulator.ownedNumbers()[created.id];
    expect(created.properties).toEqual({
      number: created.id,
      country: "United Kingdom",
      region: "Milton Keynes",
      didType: "geographic",
      monthlyPrice: Number(owned.price),
      purchased: owned.purchased,
    });
    expect(calls("tel_purchase").map((r) => r.params)).toEqual([
      { country: "United Kingdom", region: "Milton Keynes", did_type: "geographic", quantity: "1" },
    ]);

    const read = seen(
      await plugin.client.read(inboundUrn, created.id, created.properties, checked.inputs),
    );
    // No inputs: a refresh changes none, and the engine keeps those it recorded.
    expect(read).toEqual({ id: created.id, properties: created.properties, inputs: {} });
    expect(
      seen(
        await plugin.client.diff(
          inboundUrn,
          created.id,
          read.properties,
          checked.inputs,
          checked.inputs,
        ),
      ),
    ).toMatchObject({
      changes: "none",
      replaces: [],
    });

    const withBasedOn = { ...checked.inputs, basedOn: "support-line" };
    const inPlace = seen(
      await plugin.client.diff(
        inboundUrn,
        created.id,
        created.properties,
        withBasedOn,
        checked.inputs,
      ),
    );
    expect(inPlace).toEqual({
      changes: "some",
      replaces: [],
      deleteBeforeReplace: false,
      diffs: ["basedOn"],
      detailedDiff: { basedOn: { kind: 0, inputDiff: true } },
    });
    simulator.resetRequestLog();
    const updated = seen(
      await plugin.client.update(
        inboundUrn,
        created.id,
        created.properties,
        withBasedOn,
        checked.inputs,
      ),
    );
    expect(updated.properties).toEqual({ ...created.properties, basedOn: "support-line" });
    expect(simulator.requests()).toEqual([]);

    const moved = seen(
      await plugin.client.diff(
        inboundUrn,
        created.id,
        updated.properties,
        { ...withBasedOn, region: "London" },
        withBasedOn,
      ),
    );
    expect(moved).toMatchObject({
      changes: "some",
      replaces: ["region"],
      detailedDiff: { region: { kind: UPDATE_REPLACE, inputDiff: true } },
    });

    await plugin.client.delete(inboundUrn, created.id, updated.properties, withBasedOn);
    expect(simulator.ownedNumbers()[created.id]).toBeUndefined();
    expect(calls("tel_delete_numbers").map((r) => r.params)).toEqual([{ numbers: created.id }]);
  });

  it("check names the property and the fix", async () => {
    const checked = seen(
      await plugin.client.check(
        inboundUrn,
        {},
        { country: "United Kingdom", region: "Milton Keynes", allowLandline: true },
      ),
    );
    expect(checked.failures).toEqual([
      {
        property: "allowLandline",
        reason:
          'allowLandline applies to toll-free numbers only: remove it, or set didType to "tollfree"',
      },
    ]);
  });
});

describe("import", () => {
  it("Read with only an id returns full outputs and inputs, and the imported inputs then diff as no change", async () => {
    const outside = new AculabClient({ ...providerArgs(simulator) });
    const [number] = await outside.purchaseNumbers({
      country: "United Kingdom",
      region: "Milton Keynes",
    });
    const owned = simulator.ownedNumbers()[number];
    simulator.resetRequestLog();

    const imported = seen(await plugin.client.read(inboundUrn, number, {}, {}));
    expect(imported).toEqual({
      id: number,
      properties: {
        number,
        country: "United Kingdom",
        region: "Milton Keynes",
        didType: "geographic",
        monthlyPrice: Number(owned.price),
        purchased: owned.purchased,
      },
      inputs: { number, country: "United Kingdom", region: "Milton Keynes", didType: "geographic" },
    });
    // What the engine does next with the imported inputs: check them, then diff against the read state.
    const checked = seen(await plugin.client.check(inboundUrn, {}, imported.inputs));
    expect(checked).toEqual({ inputs: imported.inputs, failures: [] });
    const diff = seen(
      await plugin.client.diff(
        inboundUrn,
        number,
        imported.properties,
        checked.inputs,
        imported.inputs,
      ),
    );
    expect(diff).toEqual({
      changes: "none",
      replaces: [],
      deleteBeforeReplace: false,
      diffs: [],
      detailedDiff: {},
    });
    expect(calls("tel_purchase")).toEqual([]);
    expect(calls("tel_list_numbers").map((r) => r.params)).toEqual([
      {},
      { country: "United Kingdom", region: "Milton Keynes", did_type: "geographic" },
    ]);
    await plugin.client.delete(inboundUrn, number, imported.properties, imported.inputs);
  });

  it("refuses a number the account does not own, and a NumberBlock, saying what to do instead", async () => {
    await expect(plugin.client.read(inboundUrn, "441908999999", {}, {})).rejects.toThrow(
      "Cannot import InboundNumber 441908999999: this Aculab account does not own it. Import a number that listNumbers() returns, digits only, e.g. 441908538007.",
    );
    await expect(plugin.client.read(inboundUrn, "+44 1908", {}, {})).rejects.toThrow(
      'Cannot import InboundNumber "+44 1908": the id is the number itself; number must be an international number of 6 to 15 digits',
    );
    await expect(plugin.client.read(blockUrn, "sales-block", {}, {})).rejects.toThrow(
      'NumberBlock cannot be imported: its id ("sales-block") is generated by the provider and Aculab keeps no record of which numbers form a block. Import each number as an InboundNumber instead: pulumi import aculab:index:InboundNumber <name> <number>.',
    );
  });
});

describe("NumberBlock", () => {
  it("check, create in one purchase, read, grow and shrink in place, delete", async () => {
    const checked = seen(await plugin.client.check(blockUrn, {}, { ...tollfree, quantity: 3 }));
    expect(checked).toEqual({ inputs: { ...tollfree, quantity: 3 }, failures: [] });
    simulator.resetRequestLog();
    const created = seen(await plugin.client.create(blockUrn, checked.inputs));
    const numbers = created.properties.numbers as string[];
    expect(numbers).toHaveLength(3);
    expect(Object.keys(simulator.ownedNumbers()).sort()).toEqual([...numbers].sort());
    const price = numbers.reduce((sum, n) => sum + Number(simulator.ownedNumbers()[n].price), 0);
    expect(created.properties).toEqual({ ...checked.inputs, numbers, monthlyPrice: price });
    expect(calls("tel_purchase").map((r) => r.params.quantity)).toEqual(["3"]);

    const read = seen(
      await plugin.client.read(blockUrn, created.id, created.properties, checked.inputs),
    );
    expect(read).toEqual({ id: created.id, properties: created.properties, inputs: {} });

    const grown = { ...checked.inputs, quantity: 5 };
    expect(
      seen(
        await plugin.client.diff(blockUrn, created.id, created.properties, grown, checked.inputs),
      ),
    ).toMatchObject({
      changes: "some",
      replaces: [],
      detailedDiff: { quantity: { kind: UPDATE, inputDiff: true } },
    });
    simulator.resetRequestLog();
    const afterGrow = seen(
      await plugin.client.update(blockUrn, created.id, created.properties, grown, checked.inputs),
    );
    expect(calls("tel_purchase").map((r) => r.params.quantity)).toEqual(["2"]);
    const five = afterGrow.properties.numbers as string[];
    expect(five.slice(0, 3)).toEqual(numbers);
    expect(five).toHaveLength(5);

    simulator.resetRequestLog();
    const shrunk = { ...checked.inputs, quantity: 1 };
    const afterShrink = seen(
      await plugin.client.update(blockUrn, created.id, afterGrow.properties, shrunk, grown),
    );
    expect(afterShrink.properties.numbers).toEqual([numbers[0]]);
    expect(calls("tel_delete_numbers").map((r) => r.params.numbers)).toEqual([
      five.slice(1).join(","),
    ]);

    const relocated = seen(
      await plugin.client.diff(
        blockUrn,
        created.id,
        afterShrink.properties,
        { ...shrunk, region: "902" },
        shrunk,
      ),
    );
    expect(relocated).toMatchObject({ changes: "some", replaces: ["region"] });

    await plugin.client.delete(blockUrn, created.id, afterShrink.properties, shrunk);
    expect(simulator.ownedNumbers()).toEqual({});
  });

  it("an update that fails part-way reports the numbers still held as a partially updated resource", async () => {
    const created = seen(await plugin.client.create(blockUrn, { ...tollfree, quantity: 3 }));
    simulator.setFaults({ errorRates: { tel_delete_numbers: { 500: 1 } } });
    try {
      const failure = await plugin.client
        .update(
          blockUrn,
          created.id,
          created.properties,
          { ...tollfree, quantity: 1 },
          { ...tollfree, quantity: 3 },
        )
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(failure).toBeInstanceOf(ProviderOperationError);
      const partial = (failure as ProviderOperationError).partial!;
      expect(partial.id).toBe(created.id);
      expect(partial.properties.numbers).toEqual(created.properties.numbers);
      expect(partial.reasons).toEqual([(failure as Error).message]);
    } finally {
      simulator.setFaults({});
    }
    await plugin.client.delete(blockUrn, created.id, created.properties);
    expect(simulator.ownedNumbers()).toEqual({});
  });
});

describe("claims name the resources, from the URNs the engine sends create, read and update", () => {
  // A fresh plugin: one deployment, as the engine starts one plugin per command.
  let deployment: RunningPlugin;
  beforeEach(async () => {
    deployment = await startPlugin();
    await deployment.client.configure({}, stackVariables(simulator));
  });
  afterEach(async () => {
    await deployment.stop();
    // The later tests of this file expect an empty account.
    const owned = Object.keys(simulator.ownedNumbers());
    if (owned.length > 0)
      await new AculabClient({ ...providerArgs(simulator) }).deleteNumbers({ numbers: owned });
  });
  const adopt = (name: string, number: string) =>
    deployment.client.create(urnOf(resourceTokens.InboundNumber, name), {
      country: "United Kingdom",
      region: "Milton Keynes",
      didType: "geographic",
      number,
    });
  const failureOf = (promise: Promise<unknown>) =>
    promise.then(
      () => "no failure",
      (error: Error) => error.message,
    );
  const buyOne = async () =>
    (
      await new AculabClient({ ...providerArgs(simulator) }).purchaseNumbers({
        country: "United Kingdom",
        region: "Milton Keynes",
        quantity: 1,
      })
    )[0];

  it("create: a second adopter of one number fails naming both", async () => {
    const number = await buyOne();
    await adopt("support", number);
    expect(await failureOf(adopt("backup", number))).toContain(
      `number ${number} is already held by InboundNumber "support" in this deployment, so InboundNumber "backup" ` +
        `cannot adopt it too`,
    );
    expect(Object.keys(simulator.ownedNumbers())).toContain(number);
  });

  it("read: a number refreshed for one resource cannot be adopted by another, which names it", async () => {
    const number = await buyOne();
    const owned = simulator.ownedNumbers()[number];
    const props = {
      country: "United Kingdom",
      region: "Milton Keynes",
      didType: "geographic",
      number,
      monthlyPrice: Number(owned.price),
      purchased: owned.purchased,
    };
    await deployment.client.read(urnOf(resourceTokens.InboundNumber, "support"), number, props, {
      country: "United Kingdom",
      region: "Milton Keynes",
    });
    expect(await failureOf(adopt("backup", number))).toContain(
      `number ${number} is already held by InboundNumber "support" in this deployment`,
    );
  });

  it("update: a number a block grew by cannot be adopted by another resource, which names the block", async () => {
    const urn = urnOf(resourceTokens.NumberBlock, "sales");
    const inputs = { country: "United Kingdom", region: "Milton Keynes", quantity: 1 };
    const created = await deployment.client.create(urn, inputs);
    const grown = await deployment.client.update(
      urn,
      created.id,
      created.properties,
      { ...inputs, quantity: 2 },
      inputs,
    );
    const added = (grown.properties.numbers as string[])[1];
    expect(await failureOf(adopt("hotline", added))).toContain(
      `number ${added} is already held by NumberBlock "sales" in this deployment`,
    );
  });
});

describe("Invoke", () => {
  const client = () => new AculabClient({ ...providerArgs(simulator) });
  const schemaOutputs = (name: string) =>
    Object.keys(
      JSON.parse(fs.readFileSync(path.join(repositoryRoot, "schema.json"), "utf8")).functions[
        functionToken(name as never)
      ].outputs.properties,
    );

  it.each([
    [
      "getSupportedCountries",
      { didType: "tollfree" },
      async () => ({ countries: await client().getSupportedCountries({ didType: "tollfree" }) }),
    ],
    [
      "getSupportedStates",
      { country: "Canada" },
      async () => ({ states: await client().getSupportedStates({ country: "Canada" }) }),
    ],
    [
      "getSupportedRegions",
      { country: "Canada", state: "Manitoba" },
      async () => ({
        regions: await client().getSupportedRegions({ country: "Canada", state: "Manitoba" }),
      }),
    ],
    [
      "listRegulationAddresses",
      {},
      async () => ({ addresses: await client().listRegulationAddresses() }),
    ],
  ] as const)(
    "%s answers what Aculab answers, shaped as schema.json says",
    async (name, args, direct) => {
      const answer = seen(await plugin.client.invoke(functionToken(name), args));
      expect(answer).toEqual({ result: await direct(), failures: [] });
      expect(Object.keys(answer.result)).toEqual(schemaOutputs(name));
    },
  );

  it("listNumbers lists what the account owns, sorted", async () => {
    const [a, b] = await client().purchaseNumbers({
      country: "United Kingdom",
      region: "Milton Keynes",
      quantity: 2,
    });
    const answer = seen(
      await plugin.client.invoke(functionToken("listNumbers"), { country: "United Kingdom" }),
    );
    const owned = simulator.ownedNumbers();
    expect(answer.result).toEqual({
      numbers: [a, b].sort().map((number) => ({
        number,
        country: "United Kingdom",
        region: "Milton Keynes",
        didType: "geographic",
        monthlyPrice: Number(owned[number].price),
        purchased: owned[number].purchased,
      })),
    });
    await client().deleteNumbers({ numbers: [a, b] });
  });

  it("names a bad argument and an unknown function", async () => {
    await expect(
      plugin.client.invoke(functionToken("getSupportedRegions"), { state: "Manitoba" }),
    ).rejects.toThrow("getSupportedRegions: invalid arguments: country: Required");
    await expect(plugin.client.invoke("aculab:index:getEverything", {})).rejects.toThrow(
      "unknown function aculab:index:getEverything",
    );
  });
});

it("the API key is in no answer and not on the plugin's stderr", () => {
  expect(answers.length).toBeGreaterThan(20);
  expect(JSON.stringify(answers)).not.toContain(CANARY_API_KEY);
  expect(plugin.process.stderr()).not.toContain(CANARY_API_KEY);
});
