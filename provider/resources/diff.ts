import { absentInputValues, inputNames, replacingInputs, type ResourceName } from "../model";
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
 * An absent input means what the model says (absentInputValues: didType "geographic", a flag
 * false), and location names are compared by the place they name (canonical.ts: \uXXXX escapes,
 * case, spacing and Unicode form aside): neither is a change, and a cosmetic edit of a location
 * must never replace (and so release) a number.
 */
function normalized(property: string, value: unknown): unknown {
  if (value === undefined && Object.hasOwn(absentInputValues, property)) {
    return absentInputValues[property];
  }
  if (locationNameProperties.includes(property) && typeof value === "string") {
    return placeKey(value);
  }
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

/** A resource's diff over the model's inputs: those the model marks replacing replace. */
export function diffInputs(
  resource: ResourceName,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): DiffResult {
  return diffProperties(olds, news, inputNames(resource), replacingInputs(resource));
}
