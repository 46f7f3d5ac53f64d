import type { ListedNumbers } from "../provider/client";
import { compareAccount, ExportInputError, hasDrift, Holding, holdingsFromExport } from "./compare";

const SIG = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };

const urn = (type: string, name: string, stack = "prod") =>
  `urn:pulumi:${stack}::numbers::${type}::${name}`;

/** A `pulumi stack export` as the CLI writes it, with these resources. */
const exported = (resources: unknown[]) => ({
  version: 3,
  deployment: { manifest: { version: "v3.248.0" }, resources },
});

const listed = (
  number: string,
  region: string,
  monthlyPrice: number,
  extra: Partial<ListedNumbers[string]> = {},
): ListedNumbers[string] => ({
  number,
  country: "United Kingdom",
  region,
  didType: "geographic",
  monthlyPrice,
  purchased: "2026-11-30",
  ...extra,
});

const listing = (...numbers: ListedNumbers[string][]): ListedNumbers =>
  Object.fromEntries(numbers.map((n) => [n.number, n]));

describe("holdingsFromExport", () => {
  it("reads both type families of InboundNumber and NumberBlock, with their development flag, and nothing else", () => {
    const state = exported([
      {
        urn: "urn:pulumi:prod::numbers::pulumi:pulumi:Stack::numbers-prod",
        type: "pulumi:pulumi:Stack",
      },
      {
        urn: urn("pulumi:providers:pulumi-nodejs", "default"),
        type: "pulumi:providers:pulumi-nodejs",
        outputs: { number: "441908538099" },
      },
      {
        urn: urn("pulumi-nodejs:dynamic/aculab:InboundNumber", "support"),
        type: "pulumi-nodejs:dynamic/aculab:InboundNumber",
        outputs: { number: "441908538001", country: "United Kingdom" },
      },
      {
        urn: urn("pulumi-nodejs:dynamic/aculab:NumberBlock", "sales"),
        type: "pulumi-nodejs:dynamic/aculab:NumberBlock",
        outputs: { numbers: ["441908538002", "441908538003"], development: true },
      },
      {
        urn: urn("aculab:index:InboundNumber", "helpdesk"),
        type: "aculab:index:InboundNumber",
        outputs: { number: "14165550001", development: false },
      },
      {
        urn: urn("aculab:index:NumberBlock", "fleet"),
        type: "aculab:index:NumberBlock",
        outputs: { numbers: ["448001230001"] },
      },
      // A create that failed before any number was recorded.
      { urn: urn("aculab:index:InboundNumber", "pending"), type: "aculab:index:InboundNumber" },
    ]);
    expect(holdingsFromExport(state, "--state prod.json")).toEqual([
      {
        urn: urn("pulumi-nodejs:dynamic/aculab:InboundNumber", "support"),
        type: "pulumi-nodejs:dynamic/aculab:InboundNumber",
        kind: "InboundNumber",
        numbers: ["441908538001"],
        development: false,
      },
      {
        urn: urn("pulumi-nodejs:dynamic/aculab:NumberBlock", "sales"),
        type: "pulumi-nodejs:dynamic/aculab:NumberBlock",
        kind: "NumberBlock",
        numbers: ["441908538002", "441908538003"],
        development: true,
      },
      {
        urn: urn("aculab:index:InboundNumber", "helpdesk"),
        type: "aculab:index:InboundNumber",
        kind: "InboundNumber",
        numbers: ["14165550001"],
        development: false,
      },
      {
        urn: urn("aculab:index:NumberBlock", "fleet"),
        type: "aculab:index:NumberBlock",
        kind: "NumberBlock",
        numbers: ["448001230001"],
        development: false,
      },
      {
        urn: urn("aculab:index:InboundNumber", "pending"),
        type: "aculab:index:InboundNumber",
        kind: "InboundNumber",
        numbers: [],
        development: false,
      },
    ]);
  });

  it("reads secrets as `--show-secrets` prints them", () => {
    const state = exported([
      {
        urn: urn("aculab:index:NumberBlock", "fleet"),
        type: "aculab:index:NumberBlock",
        outputs: {
          numbers: { ...SIG, plaintext: JSON.stringify(["441908538001", "441908538002"]) },
          development: { ...SIG, plaintext: "true" },
        },
      },
    ]);
    expect(holdingsFromExport(state, "x")).toEqual([
      expect.objectContaining({ numbers: ["441908538001", "441908538002"], development: true }),
    ]);
  });

  it("refuses a number hidden as ciphertext, naming the resource, rather than call it unmanaged", () => {
    const state = exported([
      {
        urn: urn("aculab:index:InboundNumber", "secretive"),
        type: "aculab:index:InboundNumber",
        outputs: { number: { ...SIG, ciphertext: "v1:abc" } },
      },
    ]);
    expect(() => holdingsFromExport(state, "--state prod.json")).toThrow(
      new ExportInputError(
        `--state prod.json: ${urn("aculab:index:InboundNumber", "secretive")} records its numbers as a secret, ` +
          "which a plain export does not show: export it with `pulumi stack export --show-secrets` and pass that file with --state",
      ),
    );
    const block = exported([
      {
        urn: urn("aculab:index:NumberBlock", "b"),
        type: "aculab:index:NumberBlock",
        outputs: { numbers: ["441908538001", { ...SIG, ciphertext: "v1:abc" }] },
      },
    ]);
    expect(() => holdingsFromExport(block, "s")).toThrow(ExportInputError);
  });

  it("takes a stack with no resources yet, and refuses what is not an export", () => {
    expect(holdingsFromExport({ version: 3, deployment: { manifest: {} } }, "s")).toEqual([]);
    expect(() => holdingsFromExport({ resources: [] }, "--state a.json")).toThrow(
      new ExportInputError(
        '--state a.json is not a `pulumi stack export`: expected an object with "deployment"',
      ),
    );
    expect(() => holdingsFromExport([], "s")).toThrow(ExportInputError);
    expect(() => holdingsFromExport({ deployment: { resources: {} } }, "s")).toThrow(
      new ExportInputError("s: deployment.resources is not a list"),
    );
  });
});

const holding = (name: string, numbers: string[], extra: Partial<Holding> = {}): Holding => ({
  urn: urn("aculab:index:NumberBlock", name),
  type: "aculab:index:NumberBlock",
  kind: "NumberBlock",
  numbers,
  development: false,
  ...extra,
});

describe("compareAccount", () => {
  it("sorts every number into unmanaged, missing, shared or development, and totals the unmanaged", () => {
    const account = listing(
      listed("441908538001", "Milton Keynes", 3),
      listed("441908538002", "Milton Keynes", 3),
      listed("14165550001", "Toronto", 2.2, { country: "Canada", state: "Ontario" }),
      listed("448001230001", "800", 1.1, { didType: "tollfree", purchased: "2020-01-02" }),
      listed("442079460001", "London", 3),
      listed("442079460002", "London", 3),
    );
    const result = compareAccount(account, [
      holding("one", ["441908538001"]),
      // Holds one the account owns and one it no longer does.
      holding("two", ["441908538002", "441908538099"]),
      // Shares one with "two" and holds the gone one too.
      holding("three", ["441908538002", "441908538099"]),
      // Development numbers never manage one: 442079460001 stays unmanaged.
      holding("dev", ["442079460001", "999000000001"], { development: true }),
      // The same resource given twice (the same export passed twice) counts once.
      holding("one", ["441908538001"]),
      holding("four", ["442079460002"]),
    ]);
    expect(result).toEqual({
      unmanaged: [
        {
          number: "14165550001",
          country: "Canada",
          state: "Ontario",
          region: "Toronto",
          didType: "geographic",
          monthlyPrice: 2.2,
          purchased: "2026-11-30",
        },
        {
          number: "442079460001",
          country: "United Kingdom",
          region: "London",
          didType: "geographic",
          monthlyPrice: 3,
          purchased: "2026-11-30",
        },
        {
          number: "448001230001",
          country: "United Kingdom",
          region: "800",
          didType: "tollfree",
          monthlyPrice: 1.1,
          purchased: "2020-01-02",
        },
      ],
      missing: [
        { number: "441908538099", urn: urn("aculab:index:NumberBlock", "three") },
        { number: "441908538099", urn: urn("aculab:index:NumberBlock", "two") },
      ],
      shared: [
        {
          number: "441908538002",
          urns: [urn("aculab:index:NumberBlock", "two"), urn("aculab:index:NumberBlock", "three")],
        },
        {
          number: "441908538099",
          urns: [urn("aculab:index:NumberBlock", "two"), urn("aculab:index:NumberBlock", "three")],
        },
      ],
      development: [
        { number: "442079460001", urn: urn("aculab:index:NumberBlock", "dev") },
        { number: "999000000001", urn: urn("aculab:index:NumberBlock", "dev") },
      ],
      // 2.2 + 3 + 1.1 in floating point is 6.300000000000001.
      unmanagedMonthlyCost: 6.3,
    });
    expect(hasDrift(result)).toBe(true);
  });

  it("a block that records one number twice shares it with itself", () => {
    const result = compareAccount(listing(listed("441908538001", "Milton Keynes", 3)), [
      holding("twice", ["441908538001", "441908538001"]),
    ]);
    expect(result.shared).toEqual([
      {
        number: "441908538001",
        urns: [urn("aculab:index:NumberBlock", "twice"), urn("aculab:index:NumberBlock", "twice")],
      },
    ]);
    expect(result.unmanaged).toEqual([]);
  });

  it("an account whose every number is held once, with development numbers beside, has no drift", () => {
    const result = compareAccount(listing(listed("441908538001", "Milton Keynes", 3)), [
      holding("one", ["441908538001"]),
      holding("dev", ["441908538500"], { development: true }),
    ]);
    expect(result).toEqual({
      unmanaged: [],
      missing: [],
      shared: [],
      development: [{ number: "441908538500", urn: urn("aculab:index:NumberBlock", "dev") }],
      unmanagedMonthlyCost: 0,
    });
    expect(hasDrift(result)).toBe(false);
  });

  it("each drift list alone is drift", () => {
    const one = listing(listed("441908538001", "Milton Keynes", 3));
    expect(hasDrift(compareAccount(one, []))).toBe(true);
    expect(hasDrift(compareAccount({}, [holding("gone", ["441908538001"])]))).toBe(true);
    const shared = compareAccount(one, [
      holding("a", ["441908538001"]),
      holding("b", ["441908538001"]),
    ]);
    expect([shared.unmanaged, shared.missing, shared.shared.length]).toEqual([[], [], 1]);
    expect(hasDrift(shared)).toBe(true);
  });
});
