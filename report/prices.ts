import { z } from "zod";
import { zodMessages } from "../provider/zodMessages";
import { samePlace } from "../provider/resources/canonical";
import { isHidden, Location } from "./resources";

/**
 * A price table: what a number costs per month, in USD, by location and type. The most specific
 * matching entry wins (see lookupMonthlyPrice). Shared by the report and the policy pack.
 */
export const priceEntrySchema = z.strictObject({
  country: z.string().min(1),
  state: z.string().min(1).optional(),
  region: z.string().min(1).optional(),
  didType: z.enum(["geographic", "national", "mobile", "tollfree"]).optional(),
  monthlyUsd: z.number().nonnegative(),
});

export const priceTableSchema = z.array(priceEntrySchema);

export type PriceEntry = z.infer<typeof priceEntrySchema>;
export type PriceTable = z.infer<typeof priceTableSchema>;

export class PriceTableError extends Error {}

/**
 * Accepts the table as parsed JSON or as JSON text: stack config reaches the preview JSON as a
 * string, while a policy pack config or a `--prices` file arrives already parsed.
 */
export function parsePriceTable(value: unknown, source: string): PriceTable {
  let parsed = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch (error) {
      throw new PriceTableError(`${source} is not JSON: ${(error as Error).message}`);
    }
  }
  const result = priceTableSchema.safeParse(parsed, { error: zodMessages });
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue.path.map((key) =>
      typeof key === "number" ? `[${key}]` : `.${String(key)}`,
    );
    const where = path.length > 0 ? ` at ${path.join("").replace(/^\./, "")}` : "";
    throw new PriceTableError(`${source} is not a price table${where}: ${issue.message}`);
  }
  return result.data;
}

/**
 * Names compare as the provider's diff compares them, by the place they name (\uXXXX escapes,
 * case, spacing and Unicode form aside), so a location the diff calls unchanged is priced as the
 * same place.
 */
const sameName = samePlace;

/**
 * The monthly price of one number at `location`, or undefined when the table has no entry for it
 * or a property it depends on is not known yet. An entry matches when its country equals the
 * location's and each of its optional fields (state, region, didType) equals the location's; the
 * entry with the most such fields wins, and among equals the one listed first.
 */
export function lookupMonthlyPrice(table: PriceTable, location: Location): number | undefined {
  const { country, state, region, didType } = location;
  if (typeof country !== "string" || isHidden(didType)) return undefined;
  let best: { entry: PriceEntry; specificity: number } | undefined;
  for (const entry of table) {
    if (!sameName(entry.country, country)) continue;
    let specificity = 0;
    let matches = true;
    for (const [wanted, actual] of [
      [entry.state, state],
      [entry.region, region],
      [entry.didType, didType],
    ] as const) {
      if (wanted === undefined) continue;
      // An unknown location field cannot match a specific entry, and we would rather say
      // "unknown" than charge the less specific price.
      if (typeof actual !== "string") {
        if (isHidden(actual)) return undefined;
        matches = false;
        break;
      }
      if (!sameName(wanted, actual)) {
        matches = false;
        break;
      }
      specificity++;
    }
    if (matches && (best === undefined || specificity > best.specificity)) {
      best = { entry, specificity };
    }
  }
  return best?.entry.monthlyUsd;
}

/** A price table and where it came from, for the report's footer. */
export interface PriceSource {
  table: PriceTable;
  description: string;
}
