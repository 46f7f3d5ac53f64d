import type { AuditResult } from "./compare";
import { AUDIT_MARKER, renderJson, renderMarkdown } from "./format";

const drift: AuditResult = {
  unmanaged: [
    {
      number: "14165550001",
      country: "Canada",
      state: "Ontario",
      region: "Toronto",
      didType: "geographic",
      monthlyPrice: 2,
      purchased: "2026-11-30",
    },
    {
      number: "448001230001",
      country: "United Kingdom",
      region: "800",
      didType: "tollfree",
      monthlyPrice: 12,
      purchased: "2024-05-01",
    },
  ],
  missing: [
    { number: "441908538099", urn: "urn:pulumi:prod::p::aculab:index:InboundNumber::gone" },
  ],
  shared: [
    {
      number: "441908538002",
      urns: [
        "urn:pulumi:prod::p::aculab:index:InboundNumber::a",
        "urn:pulumi:dev::p::aculab:index:InboundNumber::b|c",
      ],
    },
  ],
  development: [
    { number: "441908538500", urn: "urn:pulumi:dev::p::aculab:index:NumberBlock::test" },
  ],
  unmanagedMonthlyCost: 14,
};

const none: AuditResult = {
  unmanaged: [],
  missing: [],
  shared: [],
  development: [],
  unmanagedMonthlyCost: 0,
};

describe("renderJson", () => {
  it("prints exactly the four lists and the total", () => {
    const printed = renderJson(drift);
    expect(printed.endsWith("}\n")).toBe(true);
    const parsed = JSON.parse(printed);
    expect(Object.keys(parsed)).toEqual([
      "unmanaged",
      "missing",
      "shared",
      "development",
      "unmanagedMonthlyCost",
    ]);
    expect(parsed).toEqual(drift);
  });
});

describe("renderMarkdown", () => {
  it("tables each list, with the monthly total in the headline", () => {
    expect(
      renderMarkdown(drift, {
        accountNumbers: 5,
        sources: ["--stack prod", "--state dev.json"],
      }),
    ).toBe(
      [
        AUDIT_MARKER,
        "## Aculab account audit: 2 unmanaged numbers ($14.00 a month), 1 missing, 1 shared",
        "",
        "The account owns 5 numbers; compared with `--stack prod`, `--state dev.json`.",
        "",
        "### Unmanaged: 2 numbers, $14.00 a month",
        "",
        "The account pays for these, and no resource in these stacks holds them.",
        "",
        "| Number | Country | State | Region | Type | Monthly price | Purchased |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        "| `14165550001` | Canada | Ontario | Toronto | geographic | $2.00 | 2026-11-30 |",
        "| `448001230001` | United Kingdom |  | 800 | tollfree | $12.00 | 2024-05-01 |",
        "",
        "### Missing: 1 number",
        "",
        "These stacks hold these numbers, and the account no longer owns them. `pulumi refresh` drops them from the stack's state; the next `pulumi up` then buys a new number for each resource still in the program (one that names its `number` fails instead), so remove the ones you no longer want.",
        "",
        "| Number | Resource |",
        "| --- | --- |",
        "| `441908538099` | `urn:pulumi:prod::p::aculab:index:InboundNumber::gone` |",
        "",
        "### Shared: 1 number",
        "",
        "Each of these is held by more than one resource: destroying or replacing either releases it from under the other.",
        "",
        "| Number | Resources |",
        "| --- | --- |",
        "| `441908538002` | `urn:pulumi:prod::p::aculab:index:InboundNumber::a`<br>`urn:pulumi:dev::p::aculab:index:InboundNumber::b\\|c` |",
        "",
        "### Development: 1 number",
        "",
        "Recorded in development mode (`aculab:development`): made up, never bought, not compared with the account.",
        "",
        "| Number | Resource |",
        "| --- | --- |",
        "| `441908538500` | `urn:pulumi:dev::p::aculab:index:NumberBlock::test` |",
        "",
      ].join("\n"),
    );
  });

  it("says so when there is no drift, and adds the adoption steps only when there is something to adopt", () => {
    const clean = renderMarkdown(
      none,
      { accountNumbers: 1, sources: ["--state a.json"] },
      { importFile: "out.json", code: "new aculab.InboundNumber(...);\n" },
    );
    expect(clean).toBe(
      [
        AUDIT_MARKER,
        "## Aculab account audit: no drift",
        "",
        "The account owns 1 number; compared with `--state a.json`.",
        "",
        "### Unmanaged: 0 numbers, $0.00 a month",
        "",
        "Every number the account owns is held by a resource in these stacks.",
        "",
        "### Missing: 0 numbers",
        "",
        "Every number these stacks hold is owned by the account.",
        "",
        "### Shared: 0 numbers",
        "",
        "No number is held by more than one resource.",
        "",
        "### Development: 0 numbers",
        "",
        "No resource holds development numbers.",
        "",
      ].join("\n"),
    );
    const adopting = renderMarkdown(
      drift,
      { accountNumbers: 5, sources: ["--stack prod"] },
      { importFile: "out.json", code: "new aculab.InboundNumber(...);\n" },
    );
    expect(
      adopting.endsWith(
        [
          "### Bring them under code",
          "",
          "In a project that uses the aculab plugin (Pulumi YAML with `plugins.providers`, or an SDK generated from schema.json), run `pulumi import --file out.json` and add the code it prints to the program.",
          "",
          "In a TypeScript program that uses the dynamic resources, add:",
          "",
          "```ts",
          "new aculab.InboundNumber(...);",
          "```",
          "",
        ].join("\n"),
      ),
    ).toBe(true);
  });
});
