import { createDeployment, Deployment, RunningHost, startDynamicHost } from "../../harness";
import { AculabClient } from "../../provider/client";
import { dataFunctions, FunctionName, NumberAccount } from "../../provider/resources";
import { fleetEnv, fleetProgram } from "./fleetAudit";

// Per test and hook: far above the time measured on a loaded machine (docs/testing.md).
jest.setTimeout(300_000);

/**
 * Bad input, as one table: each row goes through Check of Pulumi's dynamic-provider host (what
 * `pulumi preview` runs) and must fail there, naming the property and saying how to fix it.
 * Nothing may reach tel_purchase.
 */
type Row = [label: string, inputs: Record<string, unknown>, property: string, fix: string];

const uk = { country: "United Kingdom", region: "Milton Keynes" };
const tollfree = { country: "Spain", region: "901", didType: "tollfree", allowLandline: true };

/** Inputs both resources have; each row runs for InboundNumber and for NumberBlock. */
const locationRows: Row[] = [
  [
    "country missing",
    { region: "Milton Keynes" },
    "country",
    'country is required: set it to e.g. "United Kingdom"',
  ],
  [
    "country not a string",
    { ...uk, country: 44 },
    "country",
    'country must be a string such as "United Kingdom"',
  ],
  [
    "country empty",
    { ...uk, country: "" },
    "country",
    'country must not be empty: set it to e.g. "United Kingdom"',
  ],
  ["country unknown", { ...uk, country: "Atlantis" }, "country", "Atlantis"],
  [
    "state not a string",
    { ...uk, state: true },
    "state",
    'state must be a string such as "Alberta"',
  ],
  [
    "state empty",
    { ...uk, state: " " },
    "state",
    'state must not be empty: set it to e.g. "Alberta"',
  ],
  [
    "state for a country without states",
    { ...uk, state: "Ontario" },
    "state",
    "do not give 'state'",
  ],
  ["state missing where required", { country: "Canada", region: "Toronto" }, "state", "state"],
  [
    "region missing",
    { country: "United Kingdom" },
    "region",
    'region is required: set it to e.g. "Milton Keynes"',
  ],
  [
    "region not a string",
    { ...uk, region: ["Milton Keynes"] },
    "region",
    'region must be a string such as "Milton Keynes"',
  ],
  [
    "region empty",
    { ...uk, region: "" },
    "region",
    'region must not be empty: set it to e.g. "Milton Keynes"',
  ],
  [
    "region not supported",
    { ...uk, region: "Milton Keynse" },
    "region",
    'did you mean "Milton Keynes"',
  ],
  [
    "didType unknown",
    { ...uk, didType: "landline" },
    "didType",
    'didType must be one of "geographic", "national", "mobile", "tollfree"',
  ],
  [
    "didType not a string",
    { ...uk, didType: 1 },
    "didType",
    'didType must be one of "geographic", "national", "mobile", "tollfree"',
  ],
  [
    "regulationAddress missing where required",
    { country: "France", region: "Avignon" },
    "regulationAddress",
    'France requires a regulation address: set regulationAddress to one registered for France: "My french place"',
  ],
  [
    "regulationAddress of another country",
    { ...uk, regulationAddress: "My french place" },
    "regulationAddress",
    "does not fit a number in United Kingdom",
  ],
  [
    "regulationAddress unknown",
    { country: "France", region: "Avignon", regulationAddress: "Nowhere" },
    "regulationAddress",
    "Nowhere",
  ],
  [
    "regulationAddress empty",
    { country: "France", region: "Avignon", regulationAddress: "" },
    "regulationAddress",
    "regulationAddress must not be empty",
  ],
  [
    "basedOn not a string",
    { ...uk, basedOn: 3 },
    "basedOn",
    'basedOn must be a string such as "support-line"',
  ],
  ["basedOn empty", { ...uk, basedOn: "" }, "basedOn", "basedOn must not be empty"],
  ["basedOn unknown service", { ...uk, basedOn: "no-such-line" }, "basedOn", "no-such-line"],
  [
    "allowLandline not a boolean",
    { ...tollfree, allowLandline: "yes" },
    "allowLandline",
    "allowLandline must be true or false",
  ],
  [
    "allowCellular not a boolean",
    { ...tollfree, allowCellular: "yes" },
    "allowCellular",
    "allowCellular must be true or false",
  ],
  [
    "allowPayphone not a boolean",
    { ...tollfree, allowPayphone: 1 },
    "allowPayphone",
    "allowPayphone must be true or false",
  ],
  [
    "allowLandline on a geographic number",
    { ...uk, allowLandline: true },
    "allowLandline",
    'allowLandline applies to toll-free numbers only: remove it, or set didType to "tollfree"',
  ],
  [
    "allowCellular on a geographic number",
    { ...uk, allowCellular: true },
    "allowCellular",
    'allowCellular applies to toll-free numbers only: remove it, or set didType to "tollfree"',
  ],
  [
    "allowPayphone on a geographic number",
    { ...uk, allowPayphone: true },
    "allowPayphone",
    'allowPayphone applies to toll-free numbers only: remove it, or set didType to "tollfree"',
  ],
  [
    "toll-free with no call type",
    { ...tollfree, allowLandline: false },
    "allowLandline",
    "set allowLandline, allowCellular or allowPayphone to true",
  ],
  [
    "toll-free with a call type the prefix refuses",
    { ...tollfree, allowCellular: true },
    "allowCellular",
    "cellular calls cannot be allowed",
  ],
  [
    "a property that does not exist",
    { ...uk, regoin: "London" },
    "regoin",
    "regoin is not a property of this resource; the properties are country, state, region",
  ],
];

const inboundNumberRows: Row[] = [
  [
    "number not a string",
    { ...uk, number: 441908538001 },
    "number",
    'number must be a string of digits such as "441908538007"',
  ],
  ["number empty", { ...uk, number: "" }, "number", 'without "+" or spaces'],
  [
    "number with + and spaces",
    { ...uk, number: "+44 1908 538001" },
    "number",
    'without "+" or spaces',
  ],
  [
    "number not owned",
    { ...uk, number: "441908538999" },
    "number",
    "is not owned by this Aculab account, so it cannot be adopted",
  ],
];

const numberBlockRows: Row[] = [
  [
    "quantity missing",
    { ...uk },
    "quantity",
    "quantity is required: set it to how many numbers the block holds",
  ],
  [
    "quantity not a number",
    { ...uk, quantity: "3" },
    "quantity",
    "quantity must be a whole number such as 3",
  ],
  [
    "quantity 0",
    { ...uk, quantity: 0 },
    "quantity",
    "quantity must be at least 1; to release every number, delete the NumberBlock",
  ],
  ["quantity negative", { ...uk, quantity: -2 }, "quantity", "quantity must be at least 1"],
  [
    "quantity fractional",
    { ...uk, quantity: 1.5 },
    "quantity",
    "quantity must be a whole number such as 3",
  ],
  [
    "quantity huge",
    { ...uk, quantity: 1e9 },
    "quantity",
    "split larger fleets into several blocks",
  ],
  [
    "allowPartial not a boolean",
    { ...uk, quantity: 2, allowPartial: "true" },
    "allowPartial",
    "allowPartial must be true or false",
  ],
];

const INBOUND = "pulumi-nodejs:dynamic/aculab:InboundNumber";
const BLOCK = "pulumi-nodejs:dynamic/aculab:NumberBlock";
const table: Array<[string, string, Record<string, unknown>, string, string]> = [
  ...[...locationRows, ...inboundNumberRows].map(
    ([label, inputs, property, fix]) => ["InboundNumber", label, inputs, property, fix] as const,
  ),
  ...[...locationRows, ...numberBlockRows].map(
    ([label, inputs, property, fix]) =>
      [
        "NumberBlock",
        label,
        label.startsWith("quantity") || "quantity" in inputs ? inputs : { ...inputs, quantity: 2 },
        property,
        fix,
      ] as const,
  ),
].map(([type, ...rest]) => [type === "InboundNumber" ? INBOUND : BLOCK, ...rest]);

describe("bad input fails at check, naming the property and the fix, and never reaches tel_purchase", () => {
  let deployment: Deployment;
  let host: RunningHost;
  const providers: Record<string, unknown> = {};

  beforeAll(async () => {
    deployment = await createDeployment(fleetProgram);
    for (const resource of await deployment.capture(
      fleetEnv({ FLEET_SIZE: 1, LOCATIONS: 1, BLOCKS: 1, BLOCK_QUANTITY: 1 }),
    )) {
      providers[resource.type] = resource.inputs.__provider;
    }
    host = await startDynamicHost(deployment.workspace.programDir, deployment.config);
  });
  afterAll(async () => {
    const purchases = deployment.simulator.requests().filter((r) => r.service === "tel_purchase");
    await host.stop();
    await deployment.close();
    expect(purchases).toEqual([]);
  });

  it.each(table)("%s, %s", async (type, label, inputs, property, fix) => {
    const urn = `urn:pulumi:dev::bad-input::${type}::${label.replace(/\W+/g, "-")}`;
    const checked = await host.client.check(urn, {}, { ...inputs, __provider: providers[type] });
    const failure = checked.failures.find((f) => f.property === property);
    expect({ property, reason: failure?.reason }).toEqual({
      property,
      reason: expect.stringContaining(fix),
    });
  });

  it("a rate-limited dry run at check is no verdict on the inputs: check passes", async () => {
    deployment.simulator.setFaults({ errorRates: { tel_purchase_development: { 429: 1 } } });
    try {
      const checked = await host.client.check(
        `urn:pulumi:dev::bad-input::${INBOUND}::limited`,
        {},
        {
          country: "Spain",
          region: "Bilbao",
          __provider: providers[INBOUND],
        },
      );
      expect(checked.failures).toEqual([]);
      expect(
        deployment.simulator
          .requests()
          .filter((r) => r.fault === "429")
          .map((r) => r.service),
      ).toEqual(["tel_purchase_development"]);
    } finally {
      deployment.simulator.setFaults({});
    }
  });
});

describe("non-ASCII names work", () => {
  it("Mönchengladbach passes check and is bought, sent as \\u escapes and recorded as written", async () => {
    const deployment = await createDeployment(fleetProgram);
    try {
      const up = await deployment.up(
        fleetEnv({ FLEET_SIZE: 2, LOCATIONS: 2, BLOCKS: 0, BLOCK_QUANTITY: 1 }),
      );
      expect(up.errors).toEqual([]);
      const line = [...deployment.engine.state.values()].find((e) => e.name === "line-1")!;
      expect(line.outputs.region).toBe("Mönchengladbach");
      const purchase = deployment.simulator
        .requests()
        .find((r) => r.service === "tel_purchase" && r.params.country === "Germany")!;
      expect(purchase.rawParams.region).toBe("M\\u00f6nchengladbach");
      expect(deployment.simulator.ownedNumbers()[line.id]).toMatchObject({
        country: "Germany",
        region: "Mönchengladbach",
      });
      expect((await deployment.destroy()).errors).toEqual([]);
    } finally {
      await deployment.close();
    }
  });
});

describe("bad arguments of the data functions fail before any request, naming the argument", () => {
  type FunctionRow = [FunctionName, Record<string, unknown>, string];
  const rows: FunctionRow[] = [
    ["getSupportedCountries", { didType: "landline" }, "didType"],
    ["getSupportedCountries", { didType: 3 }, "didType"],
    ["getSupportedCountries", { country: "Canada" }, "country"],
    ["getSupportedStates", {}, "country"],
    ["getSupportedStates", { country: 44 }, "country"],
    ["getSupportedStates", { country: "" }, "country"],
    ["getSupportedRegions", { state: "Manitoba" }, "country"],
    ["getSupportedRegions", { country: "Canada", state: 5 }, "state"],
    ["getSupportedRegions", { country: "Canada", state: "" }, "state"],
    ["getSupportedRegions", { country: "Canada", didType: "free" }, "didType"],
    ["listRegulationAddresses", { country: "France" }, "country"],
    ["listNumbers", { region: 7 }, "region"],
    ["listNumbers", { country: "" }, "country"],
    ["listNumbers", { didType: "tollfree ", country: "Spain" }, "didType"],
    ["listNumbers", { quantity: 2 }, "quantity"],
  ];
  let deployment: Deployment;
  let account: NumberAccount;
  beforeAll(async () => {
    deployment = await createDeployment(fleetProgram);
    account = new NumberAccount(
      new AculabClient({ ...deployment.simulator.credentials, endpoint: deployment.simulator.url }),
      false,
    );
  });
  afterAll(() => deployment.close());

  it.each(rows)("%s(%j) names %s", async (name, args, argument) => {
    deployment.simulator.resetRequestLog();
    const call = dataFunctions[name] as (account: NumberAccount, args: unknown) => Promise<unknown>;
    const failure = await call(account, args).then(
      () => undefined,
      (error: Error) => error.message,
    );
    expect(failure).toMatch(new RegExp(`^${name}: invalid arguments: .*\\b${argument}\\b`));
    expect(deployment.simulator.requests()).toEqual([]);
  });
});
