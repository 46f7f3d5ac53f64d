import { inboundNumberInputProperties, inboundNumberLifecycle } from "./inboundNumber";
import { numberBlockInputProperties, numberBlockLifecycle } from "./numberBlock";
import { SimulatedAccount, simulatedAccountEachTest } from "../../test/support/simulatedAccount";
import { UNKNOWN } from "./unknown";
import { miltonWire } from "../../test/support/resourceInputs";

const milton = { country: "United Kingdom", region: "Milton Keynes" };
const spanishTollfree = {
  country: "Spain",
  region: "901",
  didType: "tollfree",
  allowLandline: true,
  allowPayphone: true,
};

/** The simulated account of the test running: each describe below starts one for each test. */
let sim: SimulatedAccount;

/** What check finds wrong with `news`, as an InboundNumber's inputs or (`block`) a NumberBlock's. */
const failuresOf = async (news: Record<string, unknown>, block = false) =>
  block
    ? (await numberBlockLifecycle.check(sim.context, news)).failures
    : (await inboundNumberLifecycle.check(sim.context, news)).failures;

/** Checks that `check` accepts `news` as it is, with no dry run. */
async function expectAcceptedAsIs(
  check: Promise<{ inputs: unknown; failures: unknown[] }>,
  news: Record<string, unknown>,
): Promise<void> {
  const checked = await check;
  expect(checked.failures).toEqual([]);
  expect(checked.inputs).toEqual(news);
  expect(sim.calls()).toEqual([]);
}

/** Check's failure for the misspelt "Milton Keyns", with Aculab's closest names. */
const keynsRefused = {
  property: "region",
  reason:
    '"Milton Keyns" is not a supported geographic region of United Kingdom: did you mean "Milton Keynes", "London"? ' +
    "getSupportedRegions lists them all (Aculab says [0002] Region 'Milton Keyns' is not available in United Kingdom for geographic numbers)",
};

/** Check's dry run for one number at `place`, as the simulator records it. */
const dryRun = (place: Record<string, string>) => [
  "tel_purchase_development",
  { ...place, quantity: "1" },
];

/** Diff's answer when nothing changed. */
const noChange = { changes: false, replaces: [], changed: [], deleteBeforeReplace: false };

describe("check: every input validated, failures name the property and the fix", () => {
  simulatedAccountEachTest({}, (started) => (sim = started));

  it("refuses a didType that is not one of the four, listing them", async () => {
    expect(await failuresOf({ ...milton, didType: "landline" })).toEqual([
      {
        property: "didType",
        reason: 'didType must be one of "geographic", "national", "mobile", "tollfree"',
      },
    ]);
  });

  it("refuses a toll-free call type on a geographic number, naming each flag set", async () => {
    expect(await failuresOf({ ...milton, allowLandline: true, allowPayphone: true })).toEqual([
      {
        property: "allowLandline",
        reason:
          'allowLandline applies to toll-free numbers only: remove it, or set didType to "tollfree"',
      },
      {
        property: "allowPayphone",
        reason:
          'allowPayphone applies to toll-free numbers only: remove it, or set didType to "tollfree"',
      },
    ]);
  });

  it("refuses a toll-free number that accepts no call type", async () => {
    expect(
      await failuresOf({
        country: "Spain",
        region: "901",
        didType: "tollfree",
        allowCellular: false,
      }),
    ).toEqual([
      {
        property: "allowLandline",
        reason:
          "a toll-free number must accept at least one call type: set allowLandline, allowCellular or allowPayphone to true",
      },
    ]);
  });

  it("does not ask a toll-free number it adopts for call types, which only a purchase uses", async () => {
    const [owned] = await sim.client.purchaseNumbers({
      country: "Spain",
      region: "901",
      didType: "tollfree",
      allowLandline: true,
    });
    sim.nextCommand();
    // As `pulumi import` records a toll-free number: the listing says nothing of call types.
    expect(
      await failuresOf({ country: "Spain", region: "901", didType: "tollfree", number: owned }),
    ).toEqual([]);
    // A purchase still needs one.
    expect(await failuresOf({ country: "Spain", region: "901", didType: "tollfree" })).toEqual([
      {
        property: "allowLandline",
        reason:
          "a toll-free number must accept at least one call type: set allowLandline, allowCellular or allowPayphone to true",
      },
    ]);
  });

  it("refuses a block quantity below 1, a fraction, and none at all", async () => {
    expect(await failuresOf({ ...milton, quantity: 0 }, true)).toEqual([
      {
        property: "quantity",
        reason: "quantity must be at least 1; to release every number, delete the NumberBlock",
      },
    ]);
    expect(await failuresOf({ ...milton, quantity: 1.5 }, true)).toEqual([
      { property: "quantity", reason: "quantity must be a whole number such as 3" },
    ]);
    expect(await failuresOf({ ...milton }, true)).toEqual([
      {
        property: "quantity",
        reason: "quantity is required: set it to how many numbers the block holds, e.g. 3",
      },
    ]);
  });

  it("refuses an empty or blank country and region, and a missing one", async () => {
    expect(await failuresOf({ country: "", region: "  " })).toEqual([
      { property: "country", reason: 'country must not be empty: set it to e.g. "United Kingdom"' },
      { property: "region", reason: 'region must not be empty: set it to e.g. "Milton Keynes"' },
    ]);
    expect(await failuresOf({ region: "Milton Keynes" })).toEqual([
      { property: "country", reason: 'country is required: set it to e.g. "United Kingdom"' },
    ]);
  });

  it("refuses a property the resource does not have, so a misspelling is not silently ignored", async () => {
    expect(await failuresOf({ ...milton, regoin: "London" })).toEqual([
      {
        property: "regoin",
        reason: `regoin is not a property of this resource; the properties are ${inboundNumberInputProperties.join(", ")}`,
      },
    ]);
    expect(await failuresOf({ ...milton, quantity: 2, number: "441908538001" }, true)).toEqual([
      {
        property: "number",
        reason: `number is not a property of this resource; the properties are ${numberBlockInputProperties.join(", ")}`,
      },
    ]);
  });

  it("sends nothing to Aculab when the inputs themselves are wrong", async () => {
    await failuresOf({ ...milton, didType: "landline" });
    await failuresOf({ ...milton, quantity: 0 }, true);
    expect(sim.calls()).toEqual([]);
  });

  describe("preview's unknown placeholder", () => {
    const inboundValid: Record<string, unknown> = {
      ...spanishTollfree,
      regulationAddress: "x",
      basedOn: "support-line",
      number: "34901100001",
      state: "x",
    };
    const blockValid: Record<string, unknown> = {
      ...spanishTollfree,
      quantity: 2,
      allowPartial: true,
    };

    it.each(inboundNumberInputProperties)(
      "is accepted for InboundNumber.%s, and no dry run is made",
      async (property) => {
        const news = { ...inboundValid, [property]: UNKNOWN };
        await expectAcceptedAsIs(inboundNumberLifecycle.check(sim.context, news), news);
      },
    );

    it.each(numberBlockInputProperties)(
      "is accepted for NumberBlock.%s, and no dry run is made",
      async (property) => {
        const news = { ...blockValid, [property]: UNKNOWN };
        await expectAcceptedAsIs(numberBlockLifecycle.check(sim.context, news), news);
      },
    );

    it("still reports a known value that is wrong next to an unknown one", async () => {
      expect(await failuresOf({ ...milton, region: UNKNOWN, quantity: -1 }, true)).toEqual([
        {
          property: "quantity",
          reason: "quantity must be at least 1; to release every number, delete the NumberBlock",
        },
      ]);
    });
  });
});

describe("check's dry run through tel_purchase_development", () => {
  simulatedAccountEachTest({}, (started) => (sim = started));

  it("passes inputs Aculab would sell, buying nothing", async () => {
    const checked = await numberBlockLifecycle.check(sim.context, {
      ...spanishTollfree,
      quantity: 3,
    });
    expect(checked).toEqual({ inputs: { ...spanishTollfree, quantity: 3 }, failures: [] });
    expect(sim.calls()).toEqual([
      [
        "tel_purchase_development",
        {
          country: "Spain",
          region: "901",
          did_type: "tollfree",
          quantity: "1",
          allow_landline: "True",
          allow_payphone: "True",
        },
      ],
    ]);
    expect(sim.simulator.ownedNumbers()).toEqual({});
  });

  it("turns an unsupported region into a failure on region with the closest names", async () => {
    expect(await failuresOf({ country: "United Kingdom", region: "Milton Keyns" })).toEqual([
      keynsRefused,
    ]);
    expect(sim.calls()).toEqual([
      dryRun({ country: "United Kingdom", region: "Milton Keyns", did_type: "geographic" }),
      ["tel_get_supported_regions", { country: "United Kingdom", did_type: "geographic" }],
    ]);
  });

  it("turns a missing French regulation address into a failure on regulationAddress offering the registered one", async () => {
    expect(await failuresOf({ country: "France", region: "Paris" })).toEqual([
      {
        property: "regulationAddress",
        reason:
          'France requires a regulation address: set regulationAddress to one registered for France: "My french place" ' +
          "(Aculab says [0005] A regulation address is required to buy numbers in France)",
      },
    ]);
    expect(sim.calls()).toEqual([
      dryRun({ country: "France", region: "Paris", did_type: "geographic" }),
      ["tel_list_regulation_addresses", {}],
    ]);
  });

  it("passes France once the regulation address is set", async () => {
    const news = { country: "France", region: "Paris", regulationAddress: "My french place" };
    expect((await inboundNumberLifecycle.check(sim.context, news)).failures).toEqual([]);
  });

  it("without credentials validates the inputs only, so a preview works before configuration", async () => {
    const unconfigured = {
      account: () => {
        throw new Error("not configured");
      },
      accountIfConfigured: () => undefined,
      warn: () => undefined,
    };
    expect(
      await inboundNumberLifecycle.check(unconfigured, { ...milton, region: "Nowhere" }),
    ).toEqual({
      inputs: { ...milton, region: "Nowhere", didType: "geographic" },
      failures: [],
    });
    expect(sim.calls()).toEqual([]);
  });
});

// Invariant 4 of issue 11: a cosmetic edit of a location never releases a number. Check brings
// the names to Aculab's spelling from its own lists, and diff compares names the same way.
describe("check brings a location to Aculab's own spelling", () => {
  simulatedAccountEachTest({}, (started) => (sim = started));

  it("fixes the case and surrounding spaces of country and region, asking Aculab's lists once", async () => {
    const checked = await inboundNumberLifecycle.check(sim.context, {
      country: " united kingdom ",
      region: "MILTON keynes",
    });
    expect(checked).toEqual({
      inputs: { country: "United Kingdom", region: "Milton Keynes", didType: "geographic" },
      failures: [],
    });
    expect(sim.calls()).toEqual([
      [
        "tel_purchase_development",
        {
          country: "united kingdom",
          region: "MILTON keynes",
          did_type: "geographic",
          quantity: "1",
        },
      ],
      ["tel_get_supported_regions", { country: "united kingdom", did_type: "geographic" }],
      ["tel_get_supported_countries", { did_type: "geographic" }],
      ["tel_get_supported_regions", { country: "United Kingdom", did_type: "geographic" }],
      dryRun(miltonWire),
    ]);
    // The lists are kept for the provider process: another spelling costs only its own dry run
    // and the refused regions question; Aculab's spelling's dry run is shared.
    sim.simulator.resetRequestLog();
    const again = await numberBlockLifecycle.check(sim.context, {
      country: "UNITED KINGDOM",
      region: "milton keynes",
      quantity: 2,
    });
    expect(again.inputs).toEqual({
      country: "United Kingdom",
      region: "Milton Keynes",
      didType: "geographic",
      quantity: 2,
    });
    expect(sim.calls().map(([service, params]) => [service, params.country])).toEqual([
      ["tel_purchase_development", "UNITED KINGDOM"],
      ["tel_get_supported_regions", "UNITED KINGDOM"],
    ]);
  });

  it("fixes a state's spelling with the country's states", async () => {
    const checked = await inboundNumberLifecycle.check(sim.context, {
      country: "Canada",
      state: "manitoba ",
      region: "winnipeg",
    });
    expect(checked).toEqual({
      inputs: { country: "Canada", state: "Manitoba", region: "Winnipeg", didType: "geographic" },
      failures: [],
    });
    expect(sim.calls().map(([service]) => service)).toEqual([
      "tel_purchase_development",
      "tel_get_supported_regions",
      "tel_get_supported_countries",
      "tel_get_supported_states",
      "tel_get_supported_regions",
      "tel_purchase_development",
    ]);
  });

  it("trims without asking when Aculab accepts the name as it is", async () => {
    const checked = await inboundNumberLifecycle.check(sim.context, {
      country: "United Kingdom  ",
      region: " Milton Keynes",
    });
    expect(checked.inputs).toEqual({ ...milton, didType: "geographic" });
    expect(sim.calls().map(([service]) => service)).toEqual(["tel_purchase_development"]);
  });

  it("still refuses a real misspelling, in Aculab's spelling of the rest", async () => {
    const checked = await inboundNumberLifecycle.check(sim.context, {
      country: "united kingdom",
      region: "Milton Keyns",
    });
    expect(checked.inputs).toMatchObject({ country: "United Kingdom", region: "Milton Keyns" });
    expect(checked.failures).toEqual([keynsRefused]);
  });

  it("leaves unknown values as they are, and asks nothing", async () => {
    const checked = await inboundNumberLifecycle.check(sim.context, {
      country: UNKNOWN,
      region: "milton keynes ",
    });
    expect(checked).toEqual({
      inputs: { country: UNKNOWN, region: "milton keynes", didType: "geographic" },
      failures: [],
    });
    expect(sim.calls()).toEqual([]);
  });

  // Issue 20: the reference's own spelling of Mönchengladbach is "M\\u00f6nchengladbach", which a
  // program may hold as text (pasted from the reference) and Aculab buys by.
  it("records a \\u escape as its character, and sees the escape, the character and any case as one place", async () => {
    const escaped = String.raw`M\u00f6nchengladbach`;
    const checked = await inboundNumberLifecycle.check(sim.context, {
      country: "Germany",
      region: ` ${escaped} `,
    });
    expect(checked).toEqual({
      inputs: { country: "Germany", region: "Mönchengladbach", didType: "geographic" },
      failures: [],
    });
    // On the wire as the program wrote it, in one dry run: a spelling Aculab accepts is not looked up.
    expect(sim.simulator.requests().map((r) => [r.service, r.rawParams])).toEqual([
      [
        "tel_purchase_development",
        { country: "Germany", region: escaped, did_type: "geographic", quantity: "1" },
      ],
    ]);
    const { id, outs } = await inboundNumberLifecycle.create(sim.context, checked.inputs);
    // State written by a release that kept the escape as written.
    const recorded = { ...outs, region: escaped };
    for (const region of [
      escaped,
      "Mönchengladbach",
      "MÖNCHENGLADBACH ",
      "mo\u0308nchengladbach",
    ]) {
      const edited = await inboundNumberLifecycle.check(sim.context, {
        country: "germany",
        region,
      });
      expect(edited.failures).toEqual([]);
      expect(edited.inputs).toMatchObject({ country: "Germany", region: "Mönchengladbach" });
      for (const olds of [outs, recorded]) {
        expect(inboundNumberLifecycle.diff(olds, edited.inputs)).toEqual(noChange);
      }
    }
    expect(Object.keys(sim.simulator.ownedNumbers())).toEqual([id]);
  });

  it("makes a cosmetic edit of a bought number's location no change, while a real one still replaces", async () => {
    const { id, outs } = await inboundNumberLifecycle.create(
      sim.context,
      (await inboundNumberLifecycle.check(sim.context, milton)).inputs,
    );
    const edited = await inboundNumberLifecycle.check(sim.context, {
      country: "united kingdom",
      region: " milton KEYNES ",
    });
    expect(edited.failures).toEqual([]);
    expect(inboundNumberLifecycle.diff(outs, edited.inputs)).toEqual(noChange);
    const moved = await inboundNumberLifecycle.check(sim.context, {
      country: "united kingdom",
      region: "london",
    });
    expect(moved.inputs).toMatchObject({ country: "United Kingdom", region: "London" });
    expect(inboundNumberLifecycle.diff(outs, moved.inputs)).toEqual({
      changes: true,
      replaces: ["region"],
      changed: ["region"],
      deleteBeforeReplace: false,
    });
    expect(Object.keys(sim.simulator.ownedNumbers())).toEqual([id]);
  });
});
