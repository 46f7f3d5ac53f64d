import { locationNameProperties, placeKey } from "./canonical";
import { isUnknown } from "./unknown";

export interface DiffResult {
  changes: boolean;
  replaces: string[];
  /** Properties that change, replacing or not: what `pulumi preview --diff` shows. */
  changed: string[];
  deleteBeforeReplace: boolean;
}

/**
 * Absent and false call-type flags mean the same thing to Aculab, and location names are compared
 * by the place they name (canonical.ts: \uXXXX escapes, case, spacing and Unicode form aside):
 * neither is a change, and a cosmetic edit of a location must never replace (and so release) a
 * number.
 */
function normalized(property: string, value: unknown): unknown {
  if (property.startsWith("allow") && value === undefined) return false;
  if (locationNameProperties.includes(property) && typeof value === "string") {
    return placeKey(value);
  }
  if (property === "didType" && value === undefined) return "geographic";
  return value;
}

export function diffProperties(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  properties: readonly string[],
  replacing: readonly string[],
): DiffResult {
  const changed = properties.filter((property) => {
    const after = news[property];
    return isUnknown(after) || normalized(property, olds[property]) !== normalized(property, after);
  });
  return {
    changes: changed.length > 0,
    replaces: changed.filter((property) => replacing.includes(property)),
    changed,
    // Buy the new number before releasing the old one, so a line is never without a number.
    deleteBeforeReplace: false,
  };
}
