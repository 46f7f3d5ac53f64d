import { usd } from "../report/format";
import type { AuditResult } from "./compare";

/** Lets a workflow find and update its earlier comment or issue instead of adding another. */
export const AUDIT_MARKER = "<!-- aculab-audit -->";

/** What the audit compared, for the report's first line. */
export interface AuditScope {
  /** How many numbers the account listing held. */
  accountNumbers: number;
  /** The exports compared, as the command line named them (`--state a.json`, `--stack prod`). */
  sources: string[];
}

/** After `--import-file`: where the import file is and the TypeScript that adopts the same numbers. */
export interface Adoption {
  importFile: string;
  code: string;
}

/** `--format json`: exactly the audit's lists and total, nothing else, for scripts. */
export function renderJson(result: AuditResult): string {
  const { unmanaged, missing, shared, development, unmanagedMonthlyCost } = result;
  return `${JSON.stringify({ unmanaged, missing, shared, development, unmanagedMonthlyCost }, null, 2)}\n`;
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

/** A table cell: pipes and line breaks would break the table. */
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ");
const code = (text: string) => `\`${cell(text)}\``;

function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.join(" | ")} |`),
  ];
}

/** Markdown for a pull request, an issue or a scheduled job's summary. */
export function renderMarkdown(
  result: AuditResult,
  scope: AuditScope,
  adoption?: Adoption,
): string {
  const { unmanaged, missing, shared, development } = result;
  const drift = unmanaged.length + missing.length + shared.length;
  const lines = [
    AUDIT_MARKER,
    drift === 0
      ? "## Aculab account audit: no drift"
      : `## Aculab account audit: ${plural(unmanaged.length, "unmanaged number")} (${usd(result.unmanagedMonthlyCost)} a month), ${missing.length} missing, ${shared.length} shared`,
    "",
    `The account owns ${plural(scope.accountNumbers, "number")}; compared with ${scope.sources.map(code).join(", ")}.`,
    "",
    `### Unmanaged: ${plural(unmanaged.length, "number")}, ${usd(result.unmanagedMonthlyCost)} a month`,
    "",
  ];
  if (unmanaged.length === 0) {
    lines.push("Every number the account owns is held by a resource in these stacks.");
  } else {
    lines.push(
      "The account pays for these, and no resource in these stacks holds them.",
      "",
      ...table(
        ["Number", "Country", "State", "Region", "Type", "Monthly price", "Purchased"],
        unmanaged.map((n) => [
          code(n.number),
          cell(n.country),
          cell(n.state ?? ""),
          cell(n.region),
          n.didType,
          usd(n.monthlyPrice),
          n.purchased,
        ]),
      ),
    );
  }

  lines.push("", `### Missing: ${plural(missing.length, "number")}`, "");
  if (missing.length === 0) {
    lines.push("Every number these stacks hold is owned by the account.");
  } else {
    lines.push(
      "These stacks hold these numbers, and the account no longer owns them. `pulumi refresh` drops them from the stack's state; the next `pulumi up` then buys a new number for each resource still in the program (one that names its `number` fails instead), so remove the ones you no longer want.",
      "",
      ...table(
        ["Number", "Resource"],
        missing.map((m) => [code(m.number), code(m.urn)]),
      ),
    );
  }

  lines.push("", `### Shared: ${plural(shared.length, "number")}`, "");
  if (shared.length === 0) {
    lines.push("No number is held by more than one resource.");
  } else {
    lines.push(
      "Each of these is held by more than one resource: destroying or replacing either releases it from under the other.",
      "",
      ...table(
        ["Number", "Resources"],
        shared.map((s) => [code(s.number), s.urns.map(code).join("<br>")]),
      ),
    );
  }

  lines.push("", `### Development: ${plural(development.length, "number")}`, "");
  if (development.length === 0) {
    lines.push("No resource holds development numbers.");
  } else {
    lines.push(
      "Recorded in development mode (`aculab:development`): made up, never bought, not compared with the account.",
      "",
      ...table(
        ["Number", "Resource"],
        development.map((d) => [code(d.number), code(d.urn)]),
      ),
    );
  }

  if (adoption && unmanaged.length > 0) {
    lines.push(
      "",
      "### Bring them under code",
      "",
      `In a project that uses the aculab plugin (Pulumi YAML with \`plugins.providers\`, or an SDK generated from schema.json), run \`pulumi import --file ${cell(adoption.importFile)}\` and add the code it prints to the program.`,
      "",
      "In a TypeScript program that uses the dynamic resources, add:",
      "",
      "```ts",
      adoption.code.trimEnd(),
      "```",
    );
  }
  return `${lines.join("\n")}\n`;
}
