import { placeKey } from "../provider/resources/canonical";
import { NATIVE_TYPE_TOKENS } from "../report/resources";
import type { UnmanagedNumber } from "./compare";

/**
 * Bringing unmanaged numbers under code: a Pulumi bulk import file for projects that use the
 * plugin (`pulumi import --file`), and the equivalent TypeScript for programs that use the dynamic
 * resources, which `pulumi import` cannot import (they adopt a number by naming it instead).
 */

/** One entry of `pulumi import --file`: type, name, id. No version or provider is needed. */
export interface ImportEntry {
  type: string;
  name: string;
  id: string;
}

export interface ImportFile {
  resources: ImportEntry[];
}

/**
 * "Mönchengladbach" → "monchengladbach", "St. John's" → "st-john-s". From the place's identity
 * (canonical.ts), so every spelling of one place, "M\u00f6nchengladbach" included, names it alike.
 */
function slug(text: string): string {
  return placeKey(text)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * A readable resource name from the number's location and the number itself:
 * `united-kingdom-milton-keynes-441908538001`, `canada-ontario-toronto-14165550001`. A region of
 * another type than geographic is a dialling prefix, so the type is named too:
 * `united-kingdom-tollfree-800-448001230001`.
 */
export function resourceName(entry: UnmanagedNumber): string {
  const parts = [
    entry.country,
    entry.state,
    entry.didType === "geographic" ? undefined : entry.didType,
    entry.region,
  ]
    .filter((part): part is string => part !== undefined)
    .map(slug)
    .filter((part) => part !== "");
  return [...parts, entry.number].join("-");
}

/**
 * Names for the unmanaged numbers, unique among themselves and against `taken` (the names of
 * resources the given stacks already hold, which an import must not reuse).
 */
export function importNames(
  entries: UnmanagedNumber[],
  taken: Iterable<string> = [],
): Map<string, string> {
  const used = new Set(taken);
  const names = new Map<string, string>();
  for (const entry of entries) {
    const base = resourceName(entry);
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}-${n}`;
    used.add(name);
    names.set(entry.number, name);
  }
  return names;
}

export function importFile(entries: UnmanagedNumber[], names: Map<string, string>): ImportFile {
  return {
    resources: entries.map((entry) => ({
      type: NATIVE_TYPE_TOKENS.InboundNumber,
      name: names.get(entry.number)!,
      id: entry.number,
    })),
  };
}

/**
 * The TypeScript that adopts the numbers in a program using the dynamic resources: naming
 * `number` buys nothing, it records the number. Protected, as `pulumi import` makes its resources,
 * because destroying an adopted number releases it.
 */
export function adoptionCode(entries: UnmanagedNumber[], names: Map<string, string>): string {
  const lines = ['import * as aculab from "pulumi-aculab";', ""];
  for (const entry of entries) {
    const args: [string, string][] = [
      ["country", entry.country],
      ...(entry.state === undefined ? [] : [["state", entry.state] as [string, string]]),
      ["region", entry.region],
      ...(entry.didType === "geographic" ? [] : [["didType", entry.didType] as [string, string]]),
      ["number", entry.number],
    ];
    lines.push(
      `new aculab.InboundNumber(`,
      `  ${JSON.stringify(names.get(entry.number))},`,
      `  { ${args.map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join(", ")} },`,
      `  { protect: true },`,
      `);`,
    );
  }
  return `${lines.join("\n")}\n`;
}
