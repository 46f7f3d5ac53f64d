import { numberBlockInputsSchema, UNKNOWN } from "../../provider/resources";
import type { RunningSimulator } from "../../simulator";
import { Door, doors, ResourceType } from "./doors";

// Per test and hook: far above the time measured on a loaded machine (docs/testing.md).
jest.setTimeout(300_000);

// One table, both front doors: where the behaviour is the same, it is tested once, for each door.

type Props = Record<string, unknown>;
type Failure = { property: string; reason: string };

const uk = { country: "United Kingdom", region: "Milton Keynes" };
const tollfree = {
  country: "Spain",
  region: "901",
  didType: "tollfree",
  allowLandline: true,
  allowPayphone: true,
};

const checkCases: Array<[string, ResourceType, Props, { inputs?: Props; failures: Failure[] }]> = [
  [
    "valid inputs get didType's default",
    "InboundNumber",
    uk,
    { inputs: { ...uk, didType: "geographic" }, failures: [] },
  ],
  [
    "a value unknown at preview is accepted as it is",
    "InboundNumber",
    { ...uk, region: UNKNOWN },
    { inputs: { ...uk, region: UNKNOWN, didType: "geographic" }, failures: [] },
  ],
  [
    "a bad didType",
    "InboundNumber",
    { ...uk, didType: "premium" },
    {
      failures: [
        {
          property: "didType",
          reason: 'didType must be one of "geographic", "national", "mobile", "tollfree"',
        },
      ],
    },
  ],
  [
    "an empty country",
    "InboundNumber",
    { ...uk, country: " " },
    {
      failures: [
        {
          property: "country",
          reason: 'country must not be empty: set it to e.g. "United Kingdom"',
        },
      ],
    },
  ],
  [
    "a toll-free flag on a geographic number",
    "InboundNumber",
    { ...uk, allowPayphone: true },
    {
      failures: [
        {
          property: "allowPayphone",
          reason:
            'allowPayphone applies to toll-free numbers only: remove it, or set didType to "tollfree"',
        },
      ],
    },
  ],
  [
    "toll-free with no call type",
    "NumberBlock",
    { country: "Spain", region: "901", didType: "tollfree", quantity: 2 },
    {
      failures: [
        {
          property: "allowLandline",
          reason:
            "a toll-free number must accept at least one call type: set allowLandline, allowCellular or allowPayphone to true",
        },
      ],
    },
  ],
  [
    "quantity below 1",
    "NumberBlock",
    { ...tollfree, quantity: 0 },
    {
      failures: [
        {
          property: "quantity",
          reason: "quantity must be at least 1; to release every number, delete the NumberBlock",
        },
      ],
    },
  ],
  [
    "a misspelt property",
    "NumberBlock",
    { ...tollfree, quantity: 1, quantitiy: 2 },
    {
      failures: [
        {
          property: "quantitiy",
          reason: `quantitiy is not a property of this resource; the properties are ${Object.keys(numberBlockInputsSchema.shape).join(", ")}`,
        },
      ],
    },
  ],
];

const ownedUk = {
  ...uk,
  didType: "geographic",
  number: "441908538001",
  monthlyPrice: 3,
  purchased: "2026-01-02",
};
const ownedBlock = {
  ...tollfree,
  quantity: 2,
  numbers: ["34901100001", "34901100002"],
  monthlyPrice: 30,
};
const inputsOf = ({
  number: _n,
  monthlyPrice: _m,
  purchased: _p,
  numbers: _ns,
  ...inputs
}: Props) => inputs;

const diffCases: Array<
  [string, ResourceType, Props, Props, { changes: "none" | "some"; replaces: string[] }]
> = [
  [
    "unchanged inputs",
    "InboundNumber",
    ownedUk,
    inputsOf(ownedUk),
    { changes: "none", replaces: [] },
  ],
  [
    "a bought number the program does not name",
    "InboundNumber",
    ownedUk,
    { ...uk, didType: "geographic" },
    { changes: "none", replaces: [] },
  ],
  [
    "basedOn, a purchase-time setting",
    "InboundNumber",
    ownedUk,
    { ...inputsOf(ownedUk), basedOn: "support-line" },
    { changes: "some", replaces: [] },
  ],
  [
    "a new region",
    "InboundNumber",
    ownedUk,
    { ...inputsOf(ownedUk), region: "London" },
    { changes: "some", replaces: ["region"] },
  ],
  [
    "a region unknown at preview",
    "InboundNumber",
    ownedUk,
    { ...inputsOf(ownedUk), region: UNKNOWN },
    { changes: "some", replaces: ["region"] },
  ],
  [
    "adopting another number",
    "InboundNumber",
    ownedUk,
    { ...inputsOf(ownedUk), number: "441908538009" },
    { changes: "some", replaces: ["number"] },
  ],
  [
    "a block's quantity",
    "NumberBlock",
    ownedBlock,
    { ...inputsOf(ownedBlock), quantity: 5 },
    { changes: "some", replaces: [] },
  ],
  [
    "a block's call types",
    "NumberBlock",
    ownedBlock,
    { ...inputsOf(ownedBlock), allowPayphone: false, allowCellular: true },
    { changes: "some", replaces: ["allowCellular", "allowPayphone"] },
  ],
  [
    "an absent call type and false",
    "NumberBlock",
    ownedBlock,
    { ...inputsOf(ownedBlock), allowCellular: false },
    { changes: "none", replaces: [] },
  ],
];

/** What create must answer, from the simulator's own record of what was bought. */
const createCases: Array<
  [
    string,
    ResourceType,
    Props,
    (created: { id: string; properties: Props }, simulator: RunningSimulator) => Props,
  ]
> = [
  [
    "an InboundNumber",
    "InboundNumber",
    { ...uk, didType: "geographic" },
    ({ id }, simulator) => {
      const owned = simulator.ownedNumbers()[id];
      return {
        ...uk,
        didType: "geographic",
        number: id,
        monthlyPrice: Number(owned.price),
        purchased: owned.purchased,
      };
    },
  ],
  [
    "a NumberBlock",
    "NumberBlock",
    { ...tollfree, quantity: 2 },
    (_created, simulator) => {
      const owned = simulator.ownedNumbers();
      const numbers = Object.keys(owned).sort();
      return {
        ...tollfree,
        quantity: 2,
        numbers,
        monthlyPrice: numbers.reduce((sum, n) => sum + Number(owned[n].price), 0),
      };
    },
  ],
];

describe.each(Object.keys(doors) as Array<keyof typeof doors>)("the %s door", (name) => {
  let door: Door;
  beforeAll(async () => {
    door = await doors[name]();
  });
  afterAll(() => door.close());

  it.each(checkCases)("check: %s", async (_case, type, news, expected) => {
    const checked = await door.client.check(door.urn(type, "r"), {}, door.props(type, news));
    expect(checked.failures).toEqual(expected.failures);
    if (expected.inputs) expect(door.plain(checked.inputs)).toEqual(expected.inputs);
  });

  it.each(diffCases)("diff: %s", async (_case, type, olds, news, expected) => {
    const diff = await door.client.diff(
      door.urn(type, "r"),
      "id",
      door.props(type, olds),
      door.props(type, news),
      door.props(type, inputsOf(olds)),
    );
    expect({ changes: diff.changes, replaces: [...diff.replaces].sort() }).toEqual(expected);
  });

  it.each(createCases)(
    "create, read and delete %s",
    async (_case, type, inputs, expectedOutputs) => {
      const urn = door.urn(type, "r");
      const created = await door.client.create(urn, door.props(type, inputs));
      expect(door.plain(created.properties)).toEqual(expectedOutputs(created, door.simulator));
      const read = await door.client.read(
        urn,
        created.id,
        created.properties,
        door.props(type, inputs),
      );
      expect({
        id: read.id,
        properties: door.plain(read.properties),
        inputs: door.plain(read.inputs),
      }).toEqual({
        id: created.id,
        properties: door.plain(created.properties),
        // None: a refresh changes no input, and the engine keeps those it recorded.
        inputs: {},
      });
      await door.client.delete(urn, created.id, created.properties, door.props(type, inputs));
      expect(door.simulator.ownedNumbers()).toEqual({});
    },
  );
});
