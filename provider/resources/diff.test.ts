import { inboundNumberLifecycle, InboundNumberOutputs } from "./inboundNumber";
import { numberBlockLifecycle, NumberBlockOutputs } from "./numberBlock";
import { UNKNOWN } from "./unknown";

// What state holds after a create: the checked inputs plus the outputs.
const support: InboundNumberOutputs = {
  country: "United Kingdom",
  region: "Milton Keynes",
  didType: "geographic",
  number: "441908538001",
  monthlyPrice: 3,
  purchased: "2025-03-14",
};
const supportInputs = { country: "United Kingdom", region: "Milton Keynes", didType: "geographic" };

const salesInputs = {
  country: "Spain",
  region: "901",
  didType: "tollfree" as const,
  allowLandline: true,
  allowPayphone: true,
  quantity: 3,
};
const sales: NumberBlockOutputs = {
  ...salesInputs,
  numbers: ["34901100001", "34901100002", "34901100003"],
  monthlyPrice: 45,
};

const replace = (...properties: string[]) => ({
  changes: true,
  replaces: properties,
  changed: properties,
  deleteBeforeReplace: false,
});
const inPlace = (...properties: string[]) => ({
  changes: true,
  replaces: [],
  changed: properties,
  deleteBeforeReplace: false,
});
const none = { changes: false, replaces: [], changed: [], deleteBeforeReplace: false };

describe("diff", () => {
  it("gives no diff for unchanged inputs, and an InboundNumber's bought number not in the program is no change", () => {
    expect(inboundNumberLifecycle.diff(support, supportInputs)).toEqual(none);
    expect(numberBlockLifecycle.diff(sales, salesInputs)).toEqual(none);
  });

  it("treats an absent didType as geographic and absent call types as false", () => {
    const { didType: _d, ...withoutDidType } = supportInputs;
    expect(inboundNumberLifecycle.diff(support, withoutDidType)).toEqual(none);
    expect(numberBlockLifecycle.diff(sales, { ...salesInputs, allowCellular: false })).toEqual(
      none,
    );
  });

  it.each([
    ["country", "Spain"],
    ["state", "Ontario"],
    ["region", "London"],
    ["didType", "national"],
    ["allowLandline", true],
    ["allowCellular", true],
    ["allowPayphone", true],
  ])(
    "replaces an InboundNumber when %s changes: another location means another number",
    (property, value) => {
      expect(inboundNumberLifecycle.diff(support, { ...supportInputs, [property]: value })).toEqual(
        replace(property),
      );
    },
  );

  it.each([
    ["country", "United Kingdom"],
    ["region", "902"],
    ["didType", "national"],
    ["allowLandline", false],
    ["allowCellular", true],
    ["allowPayphone", false],
  ])("replaces a NumberBlock when %s changes", (property, value) => {
    expect(numberBlockLifecycle.diff(sales, { ...salesInputs, [property]: value })).toEqual(
      replace(property),
    );
  });

  it("replaces an InboundNumber when the program adopts a different number", () => {
    expect(
      inboundNumberLifecycle.diff(support, { ...supportInputs, number: "441908538002" }),
    ).toEqual(replace("number"));
    expect(
      inboundNumberLifecycle.diff(support, { ...supportInputs, number: "441908538001" }),
    ).toEqual(none);
  });

  it.each([
    ["basedOn", "support-line"],
    ["regulationAddress", "My french place"],
  ])("updates %s in place: a purchase-time setting never releases a number", (property, value) => {
    expect(inboundNumberLifecycle.diff(support, { ...supportInputs, [property]: value })).toEqual(
      inPlace(property),
    );
    expect(numberBlockLifecycle.diff(sales, { ...salesInputs, [property]: value })).toEqual(
      inPlace(property),
    );
    // Removing it again is an in-place update too.
    expect(inboundNumberLifecycle.diff({ ...support, [property]: value }, supportInputs)).toEqual(
      inPlace(property),
    );
  });

  it("updates a block's quantity and allowPartial in place, never replacing it", () => {
    expect(numberBlockLifecycle.diff(sales, { ...salesInputs, quantity: 5 })).toEqual(
      inPlace("quantity"),
    );
    expect(numberBlockLifecycle.diff(sales, { ...salesInputs, quantity: 1 })).toEqual(
      inPlace("quantity"),
    );
    expect(numberBlockLifecycle.diff(sales, { ...salesInputs, allowPartial: true })).toEqual(
      inPlace("allowPartial"),
    );
  });

  it("reports both when a replacing and an in-place property change together", () => {
    expect(
      numberBlockLifecycle.diff(sales, { ...salesInputs, region: "902", quantity: 4 }),
    ).toEqual({
      changes: true,
      replaces: ["region"],
      changed: ["region", "quantity"],
      deleteBeforeReplace: false,
    });
  });

  it("counts a value unknown at preview as a change, replacing if the property replaces", () => {
    expect(inboundNumberLifecycle.diff(support, { ...supportInputs, region: UNKNOWN })).toEqual(
      replace("region"),
    );
    expect(numberBlockLifecycle.diff(sales, { ...salesInputs, quantity: UNKNOWN })).toEqual(
      inPlace("quantity"),
    );
  });
});

// Invariant 4 of issue 11: a cosmetic edit of a location is no change, so it never replaces (and
// releases) a number; a real change of location still replaces.
describe("diff of location names", () => {
  it("sees no change in case, surrounding spaces or Unicode form, for either resource", () => {
    const cosmetic = {
      country: " united KINGDOM",
      region: "milton keynes  ",
      didType: "geographic",
    };
    expect(inboundNumberLifecycle.diff(support, cosmetic)).toEqual(none);
    expect(
      numberBlockLifecycle.diff(sales, { ...salesInputs, country: "SPAIN", region: " 901 " }),
    ).toEqual(none);
    const gladbach = { country: "Germany", region: "M\u00f6nchengladbach", didType: "geographic" };
    expect(
      inboundNumberLifecycle.diff(
        { ...support, ...gladbach },
        { ...gladbach, region: "mo\u0308nchengladbach" },
      ),
    ).toEqual(none);
  });

  // Issue 20: the reference writes non-ASCII names as \\uXXXX escapes ("M\\u00f6nchengladbach")
  // and Aculab buys by that spelling, so a program may hold it as text. The character, another
  // case or other spacing later is the same place: no change, never a replacement (a release).
  it("sees one place in a \\u escape, the character, another case and other spacing, for either resource", () => {
    const sweden = { country: "Sweden", didType: "geographic" };
    const spellings = [
      String.raw`Malm\u00f6`, // pasted from the reference: a backslash, a u and four hex digits
      "Malmö",
      "MALMÖ ",
      " malmo\u0308", // the character decomposed (NFD)
      String.raw`MALM\u00D6`,
    ];
    for (const before of spellings) {
      for (const after of spellings) {
        const olds = { ...support, ...sweden, region: before };
        expect(inboundNumberLifecycle.diff(olds, { ...sweden, region: after })).toEqual(none);
        expect(
          numberBlockLifecycle.diff(
            { ...sales, ...sweden, region: before },
            { ...salesInputs, ...sweden, region: after },
          ),
        ).toEqual(none);
      }
    }
    expect(
      inboundNumberLifecycle.diff(
        { ...support, country: "United Kingdom", region: "Milton Keynes" },
        { ...supportInputs, country: String.raw`united\u0020kingdom`, region: "milton   keynes" },
      ),
    ).toEqual(none);
  });

  it("still replaces for a place spelt with other letters, accents or word breaks", () => {
    const malmo = { ...support, country: "Sweden", region: String.raw`Malm\u00f6` };
    const inputs = { country: "Sweden", didType: "geographic" };
    expect(inboundNumberLifecycle.diff(malmo, { ...inputs, region: "Malmo" })).toEqual(
      replace("region"),
    );
    expect(inboundNumberLifecycle.diff(malmo, { ...inputs, region: "Malm ö" })).toEqual(
      replace("region"),
    );
    expect(
      inboundNumberLifecycle.diff(malmo, { ...inputs, region: String.raw`Malm\u00e9` }),
    ).toEqual(replace("region"));
  });

  it("sees no change either when state holds an older spelling and the program Aculab's", () => {
    const older = { ...support, country: "united kingdom", region: "Milton keynes" };
    expect(inboundNumberLifecycle.diff(older, supportInputs)).toEqual(none);
  });

  it("still replaces for another country, state or region", () => {
    expect(inboundNumberLifecycle.diff(support, { ...supportInputs, region: "london" })).toEqual(
      replace("region"),
    );
    expect(
      inboundNumberLifecycle.diff(support, {
        ...supportInputs,
        country: "canada",
        state: "manitoba",
        region: "winnipeg",
      }),
    ).toEqual(replace("country", "state", "region"));
    expect(numberBlockLifecycle.diff(sales, { ...salesInputs, region: "902" })).toEqual(
      replace("region"),
    );
  });
});
