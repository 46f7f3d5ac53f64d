import { adoptionCode, importFile, importNames, resourceName } from "./adopt";
import type { UnmanagedNumber } from "./compare";

const number = (n: Partial<UnmanagedNumber> & { number: string }): UnmanagedNumber => ({
  country: "United Kingdom",
  region: "Milton Keynes",
  didType: "geographic",
  monthlyPrice: 3,
  purchased: "2026-11-30",
  ...n,
});

const miltonKeynes = number({ number: "441908538001" });
const toronto = number({
  number: "14165550001",
  country: "Canada",
  state: "Ontario",
  region: "Toronto",
});
const tollfree = number({ number: "448001230001", region: "800", didType: "tollfree" });

describe("resource names", () => {
  it("reads as the location and the number, in the characters every Pulumi language accepts", () => {
    expect(resourceName(miltonKeynes)).toBe("united-kingdom-milton-keynes-441908538001");
    expect(resourceName(toronto)).toBe("canada-ontario-toronto-14165550001");
    expect(resourceName(tollfree)).toBe("united-kingdom-tollfree-800-448001230001");
    expect(
      resourceName(
        number({ number: "492161555001", country: "Germany", region: "Mönchengladbach" }),
      ),
    ).toBe("germany-monchengladbach-492161555001");
    expect(
      resourceName(
        number({
          number: "17095550001",
          country: "Canada",
          state: "Newfoundland And Labrador",
          region: "St. John's",
        }),
      ),
    ).toBe("canada-newfoundland-and-labrador-st-john-s-17095550001");
  });

  // Issue 20: a place has one identity whatever its spelling, so the names made from it agree too,
  // and a name the stacks hold is taken under any spelling of its place.
  it("names a place alike in a \\u escape, the character, another case and other spacing", () => {
    const malmo = (region: string) =>
      resourceName(number({ number: "46401234567", country: "Sweden", region }));
    for (const region of [String.raw`Malm\u00f6`, "Malmö", "MALMÖ ", String.raw`MALM\u00D6`]) {
      expect(malmo(region)).toBe("sweden-malmo-46401234567");
    }
    const names = importNames(
      [number({ number: "46401234567", country: "Sweden", region: String.raw`Malm\u00f6` })],
      ["sweden-malmo-46401234567"],
    );
    expect(names.get("46401234567")).toBe("sweden-malmo-46401234567-2");
  });

  it("never reuses the name of a resource the stacks already hold", () => {
    const names = importNames(
      [miltonKeynes, toronto, tollfree],
      ["canada-ontario-toronto-14165550001", "canada-ontario-toronto-14165550001-2"],
    );
    expect(Object.fromEntries(names)).toEqual({
      "441908538001": "united-kingdom-milton-keynes-441908538001",
      "14165550001": "canada-ontario-toronto-14165550001-3",
      "448001230001": "united-kingdom-tollfree-800-448001230001",
    });
  });
});

describe("the import file and the adoption code", () => {
  const entries = [toronto, miltonKeynes, tollfree];
  const names = importNames(entries);

  it("is Pulumi's bulk import format: the plugin's type, the name and the number as id", () => {
    expect(importFile(entries, names)).toEqual({
      resources: [
        {
          type: "aculab:index:InboundNumber",
          name: "canada-ontario-toronto-14165550001",
          id: "14165550001",
        },
        {
          type: "aculab:index:InboundNumber",
          name: "united-kingdom-milton-keynes-441908538001",
          id: "441908538001",
        },
        {
          type: "aculab:index:InboundNumber",
          name: "united-kingdom-tollfree-800-448001230001",
          id: "448001230001",
        },
      ],
    });
  });

  it("adopts each number by naming it, with its location, protected", () => {
    expect(adoptionCode(entries, names)).toBe(
      [
        'import * as aculab from "pulumi-aculab";',
        "",
        "new aculab.InboundNumber(",
        '  "canada-ontario-toronto-14165550001",',
        '  { country: "Canada", state: "Ontario", region: "Toronto", number: "14165550001" },',
        "  { protect: true },",
        ");",
        "new aculab.InboundNumber(",
        '  "united-kingdom-milton-keynes-441908538001",',
        '  { country: "United Kingdom", region: "Milton Keynes", number: "441908538001" },',
        "  { protect: true },",
        ");",
        "new aculab.InboundNumber(",
        '  "united-kingdom-tollfree-800-448001230001",',
        '  { country: "United Kingdom", region: "800", didType: "tollfree", number: "448001230001" },',
        "  { protect: true },",
        ");",
        "",
      ].join("\n"),
    );
  });
});
