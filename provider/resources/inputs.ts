import { z } from "zod";
import { didTypes } from "../client";
import { locationNameProperties } from "./canonical";
import { isUnknown } from "./unknown";

/**
 * The inputs of InboundNumber and NumberBlock, validated property by property so that each
 * failure names its property and says how to fix it. Values still unknown at preview are
 * accepted as they are.
 */

const text = (property: string, example: string) =>
  z
    .string({
      required_error: `${property} is required: set it to e.g. "${example}"`,
      invalid_type_error: `${property} must be a string such as "${example}"`,
    })
    .refine(
      (v) => v.trim().length > 0,
      `${property} must not be empty: set it to e.g. "${example}"`,
    );

const callType = (property: string) =>
  z.boolean({
    invalid_type_error: `${property} must be true or false (it applies to toll-free numbers only)`,
  });

export const MAX_BLOCK_QUANTITY = 1000;

export const locationInputsShape = {
  country: text("country", "United Kingdom"),
  state: text("state", "Alberta").optional(),
  region: text("region", "Milton Keynes"),
  didType: z
    .enum(didTypes, {
      errorMap: () => ({
        message: `didType must be one of ${didTypes.map((t) => `"${t}"`).join(", ")}`,
      }),
    })
    .optional(),
  regulationAddress: text("regulationAddress", "My french place").optional(),
  basedOn: text("basedOn", "support-line").optional(),
  allowLandline: callType("allowLandline").optional(),
  allowCellular: callType("allowCellular").optional(),
  allowPayphone: callType("allowPayphone").optional(),
};

export const inboundNumberInputsSchema = z.object({
  ...locationInputsShape,
  number: z
    .string({ invalid_type_error: `number must be a string of digits such as "441908538007"` })
    .regex(
      /^\d{6,15}$/,
      `number must be an international number of 6 to 15 digits without "+" or spaces, such as "441908538007"`,
    )
    .optional(),
});
export type InboundNumberInputs = z.infer<typeof inboundNumberInputsSchema>;

export const numberBlockInputsSchema = z.object({
  ...locationInputsShape,
  quantity: z
    .number({
      required_error: "quantity is required: set it to how many numbers the block holds, e.g. 3",
      invalid_type_error: "quantity must be a whole number such as 3",
    })
    .int("quantity must be a whole number such as 3")
    .min(1, "quantity must be at least 1; to release every number, delete the NumberBlock")
    .max(
      MAX_BLOCK_QUANTITY,
      `quantity must be at most ${MAX_BLOCK_QUANTITY} per block; split larger fleets into several blocks`,
    ),
  allowPartial: z.boolean({ invalid_type_error: "allowPartial must be true or false" }).optional(),
});
export type NumberBlockInputs = z.infer<typeof numberBlockInputsSchema>;

export interface CheckFailure {
  property: string;
  reason: string;
}

export type CallTypeFlag = "allowLandline" | "allowCellular" | "allowPayphone";
export const callTypeFlags: CallTypeFlag[] = ["allowLandline", "allowCellular", "allowPayphone"];

/** Rules between properties, checked only on values already known. */
function crossPropertyFailures(inputs: Record<string, unknown>): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const didType = inputs.didType ?? "geographic";
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
 * Validates raw inputs and fills defaults (didType "geographic"). Properties this resource does not
 * have are failures too, since a misspelt property would otherwise be silently ignored.
 */
export function checkInputs<S extends z.AnyZodObject>(
  schema: S,
  raw: Record<string, unknown>,
  ignored: ReadonlySet<string> = new Set(),
): CheckedInputs<z.infer<S>> {
  const failures: CheckFailure[] = [];
  const inputs: Record<string, unknown> = {};
  const shape = schema.shape as Record<string, z.ZodTypeAny>;
  for (const property of Object.keys(raw)) {
    if (!(property in shape) && !ignored.has(property)) {
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
    const parsed = propertySchema.safeParse(value);
    if (parsed.success) {
      // Surrounding spaces are never part of Aculab's name for a place (preflight.ts brings the
      // case to Aculab's spelling too).
      const data =
        locationNameProperties.includes(property) && typeof parsed.data === "string"
          ? parsed.data.trim()
          : parsed.data;
      if (data !== undefined) inputs[property] = data;
    } else {
      failures.push({ property, reason: parsed.error.issues[0].message });
    }
  }
  inputs.didType ??= "geographic";
  failures.push(...crossPropertyFailures(inputs));
  return { inputs: inputs as z.infer<S>, failures };
}
