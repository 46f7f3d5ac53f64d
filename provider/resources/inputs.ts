import { z } from "zod";
import {
  absentInputValues,
  callTypeFlags,
  inputDefaults,
  resourceInputsSchema,
  type ResourceInputs,
  type ResourceName,
} from "../model";
import { zodMessages } from "../zodMessages";
import { locationNameProperties, placeSpelling } from "./canonical";
import { isUnknown } from "./unknown";

/**
 * The inputs of InboundNumber and NumberBlock, validated property by property so that each
 * failure names its property and says how to fix it. Values still unknown at preview are
 * accepted as they are. Properties, types, required-ness, defaults and messages are the model's
 * (provider/model).
 */

export { MAX_BLOCK_QUANTITY } from "../model";

export const inboundNumberInputsSchema = resourceInputsSchema("InboundNumber");
export type InboundNumberInputs = ResourceInputs<"InboundNumber">;

export const numberBlockInputsSchema = resourceInputsSchema("NumberBlock");
export type NumberBlockInputs = ResourceInputs<"NumberBlock">;

const inputsSchemas: Record<ResourceName, z.ZodObject> = {
  InboundNumber: inboundNumberInputsSchema,
  NumberBlock: numberBlockInputsSchema,
};

export interface CheckFailure {
  property: string;
  reason: string;
}

export { callTypeFlags, type CallTypeFlag } from "../model";

/** Rules between properties, checked only on values already known. */
function crossPropertyFailures(inputs: Record<string, unknown>): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const didType = inputs.didType ?? absentInputValues.didType;
  if (isUnknown(didType)) return failures;
  if (didType !== "tollfree") {
    for (const flag of callTypeFlags) {
      if (inputs[flag] === true) {
        failures.push({
          property: flag,
          reason: `${flag} applies to toll-free numbers only: remove it, or set didType to "tollfree"`,
        });
      }
    }
  } else if (
    // Call types are settings of a purchase: an InboundNumber that names `number` adopts it and
    // buys nothing, and neither the listing nor `pulumi import` knows which types it was bought with.
    inputs.number === undefined &&
    callTypeFlags.every((flag) => inputs[flag] !== true && !isUnknown(inputs[flag]))
  ) {
    failures.push({
      property: "allowLandline",
      reason:
        "a toll-free number must accept at least one call type: set allowLandline, allowCellular or allowPayphone to true",
    });
  }
  return failures;
}

export interface CheckedInputs<T> {
  inputs: T;
  failures: CheckFailure[];
}

/**
 * Validates raw inputs and fills the model's defaults. Properties this resource does not have are
 * failures too, since a misspelt property would otherwise be silently ignored.
 */
export function checkInputs<R extends ResourceName>(
  resource: R,
  raw: Record<string, unknown>,
): CheckedInputs<ResourceInputs<R>> {
  const failures: CheckFailure[] = [];
  const inputs: Record<string, unknown> = {};
  const shape = inputsSchemas[resource].shape as Record<string, z.ZodType>;
  for (const property of Object.keys(raw)) {
    if (!(property in shape)) {
      failures.push({
        property,
        reason: `${property} is not a property of this resource; the properties are ${Object.keys(shape).join(", ")}`,
      });
    }
  }
  for (const [property, propertySchema] of Object.entries(shape)) {
    const value = raw[property];
    if (isUnknown(value)) {
      inputs[property] = value;
      continue;
    }
    const parsed = propertySchema.safeParse(value, { error: zodMessages });
    if (parsed.success) {
      // Surrounding spaces are never part of Aculab's name for a place, and a \uXXXX escape (the
      // reference's spelling) is recorded as its character: Aculab receives the same text either
      // way (canonical.ts; preflight.ts brings the case to Aculab's spelling too).
      const data =
        locationNameProperties.includes(property) && typeof parsed.data === "string"
          ? placeSpelling(parsed.data)
          : parsed.data;
      if (data !== undefined) inputs[property] = data;
    } else {
      failures.push({ property, reason: parsed.error.issues[0].message });
    }
  }
  for (const [property, value] of Object.entries(inputDefaults(resource)))
    inputs[property] ??= value;
  failures.push(...crossPropertyFailures(inputs));
  return { inputs: inputs as ResourceInputs<R>, failures };
}
