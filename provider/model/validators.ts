import { z } from "zod";
import { enumValues } from "./derive";
import { model } from "./model";
import type { FieldModel, Messages, PropertyModel, ValueType } from "./spec";
import type { FunctionArgs, FunctionName, ResourceInputs, ResourceName, TypeName } from "./types";

/**
 * The zod validators that follow from the model: of resource inputs, whose failures name the
 * property and say how to fix it, and of function arguments and types.
 */

/** A zod object shape for T: optional keys become ZodOptional. */
export type ZodShapeOf<T> = {
  [K in keyof T]-?: object extends Pick<T, K>
    ? z.ZodOptional<z.ZodType<Exclude<T[K], undefined>>>
    : z.ZodType<T[K]>;
};

/**
 * A type failure's message: `required` for a missing value, `wrongType` for a value of another
 * type (zod 3's required_error and invalid_type_error). No `required` leaves a missing value to
 * the parse's messages (zodMessages: "Required").
 */
function typeErrors(
  required: string | undefined,
  wrongType: string,
): z.core.$ZodErrorMap<z.core.$ZodIssueInvalidType> {
  return (issue) => (issue.input === undefined ? required : wrongType);
}

type InputModel = ValueType & { example?: unknown; messages?: Messages };

function stringValidator(name: string, p: { pattern?: RegExp }, m: Messages, example: unknown) {
  const text = z.string({
    error: typeErrors(
      m.required ?? `${name} is required: set it to e.g. "${example}"`,
      m.type ?? `${name} must be a string such as "${example}"`,
    ),
  });
  return p.pattern
    ? text.regex(p.pattern, m.pattern)
    : text.refine(
        (v) => v.trim().length > 0,
        `${name} must not be empty: set it to e.g. "${example}"`,
      );
}

function integerValidator(
  name: string,
  p: { minimum?: number; maximum?: number },
  m: Messages,
  example: unknown,
) {
  const wrongType = m.type ?? `${name} must be a whole number such as ${example}`;
  let whole = z
    .number({
      error: typeErrors(m.required ?? `${name} is required: set it to e.g. ${example}`, wrongType),
    })
    .int(wrongType);
  if (p.minimum !== undefined)
    whole = whole.min(p.minimum, m.minimum ?? `${name} must be at least ${p.minimum}`);
  if (p.maximum !== undefined)
    whole = whole.max(p.maximum, m.maximum ?? `${name} must be at most ${p.maximum}`);
  return whole;
}

/**
 * A resource input's validator: each failure names the property and says how to fix it, with the
 * model's example (`region is required: set it to e.g. "Milton Keynes"`) or its own messages.
 */
function inputValidator(name: string, p: InputModel) {
  const m = p.messages ?? {};
  if ("ref" in p) {
    const values = enumValues(p.ref as TypeName);
    return z.enum(values, {
      error: () => `${name} must be one of ${values.map((v) => `"${v}"`).join(", ")}`,
    });
  }
  switch (p.type) {
    case "string":
      return stringValidator(name, p, m, p.example);
    case "boolean":
      return z.boolean({
        error: typeErrors(m.required, m.type ?? `${name} must be true or false`),
      });
    case "integer":
      return integerValidator(name, p, m, p.example);
    default:
      throw new Error(`${name}: the model has no validator for a resource input of type ${p.type}`);
  }
}

/** The validators of a resource's inputs, in the model's order. */
export function resourceInputsSchema<R extends ResourceName>(
  resource: R,
): z.ZodObject<ZodShapeOf<ResourceInputs<R>>> {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, p] of Object.entries(
    model.resources[resource].properties as Record<string, PropertyModel>,
  )) {
    if (p.input === undefined) continue;
    const validator = inputValidator(name, p);
    shape[name] = p.input === "required" ? validator : validator.optional();
  }
  return z.object(shape) as unknown as z.ZodObject<ZodShapeOf<ResourceInputs<R>>>;
}

/**
 * A function argument's or type's validator: the generic messages, which the parse supplies
 * (provider/zodMessages.ts), as the client's parameters have.
 */
function plainValidator(v: ValueType): z.ZodType {
  if ("ref" in v) {
    const type = model.types[v.ref as TypeName];
    return type.kind === "enum"
      ? z.enum(enumValues(v.ref as TypeName))
      : fieldsSchema(type.properties as Record<string, FieldModel>);
  }
  switch (v.type) {
    case "string":
      return v.pattern ? z.string().regex(v.pattern) : z.string();
    case "integer":
      return z.number().int();
    case "number":
      return z.number();
    case "boolean":
      return z.boolean();
    case "array":
      return z.array(plainValidator(v.items));
    case "map":
      return z.record(z.string(), plainValidator(v.values));
  }
}

function fieldsSchema(fields: Record<string, FieldModel>) {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, f] of Object.entries(fields)) {
    const validator = plainValidator(f);
    shape[name] = f.required === true ? validator : validator.optional();
  }
  return z.object(shape);
}

/** The validators of a function's arguments. */
export function functionArgsSchema<F extends FunctionName>(
  fn: F,
): z.ZodObject<ZodShapeOf<FunctionArgs<F>>> {
  return fieldsSchema(model.functions[fn].inputs) as unknown as z.ZodObject<
    ZodShapeOf<FunctionArgs<F>>
  >;
}
