import { z } from "zod";
import { model, type Model } from "./model";
import type { FieldModel, Messages, PropertyModel, ValueType } from "./spec";
import type {
  FunctionArgs,
  FunctionName,
  ResourceInputName,
  ResourceInputs,
  ResourceName,
  ResourceOutputName,
  TypeName,
} from "./types";

/** What follows from the model at run time: names, tokens, defaults and zod validators. */

const properties = (resource: ResourceName): Record<string, PropertyModel> =>
  model.resources[resource].properties;

/** The type token of a resource, function or type: `aculab:index:InboundNumber`. */
export const token = (name: string): string => `${model.name}:index:${name}`;

export const resourceNames = Object.keys(model.resources) as ResourceName[];
export const functionNames = Object.keys(model.functions) as FunctionName[];

/** A resource's inputs, in the model's order (check's failures list them in it). */
export function inputNames<R extends ResourceName>(resource: R): ResourceInputName<R>[] {
  return Object.entries(properties(resource))
    .filter(([, p]) => p.input !== undefined)
    .map(([name]) => name) as ResourceInputName<R>[];
}

/** A resource's outputs: every property the resource records in state. */
export function outputNames<R extends ResourceName>(resource: R): ResourceOutputName<R>[] {
  return Object.entries(properties(resource))
    .filter(([, p]) => p.output !== undefined)
    .map(([name]) => name) as ResourceOutputName<R>[];
}

/** The inputs whose change replaces the resource (schema.json's `replaceOnChanges`). */
export function replacingInputs<R extends ResourceName>(resource: R): ResourceInputName<R>[] {
  return inputNames(resource).filter(
    (name) => properties(resource)[name].replaceOnChanges === true,
  );
}

/** The values check fills in for absent inputs. */
export function inputDefaults<R extends ResourceName>(resource: R): Partial<ResourceInputs<R>> {
  return Object.fromEntries(
    Object.entries(properties(resource))
      .filter(([, p]) => p.input !== undefined && p.default !== undefined)
      .map(([name, p]) => [name, p.default]),
  ) as Partial<ResourceInputs<R>>;
}

/** The inputs every resource has, in the model's order: where the numbers are and how they are bought. */
export const sharedInputNames: readonly string[] = inputNames(resourceNames[0]).filter((name) =>
  resourceNames.every((resource) => properties(resource)[name]?.input !== undefined),
);

type LocationProperties = Model["resources"][ResourceName]["properties"];
/** The call types a toll-free number accepts: allowLandline, allowCellular, allowPayphone. */
export type CallTypeFlag = {
  [K in keyof LocationProperties]: LocationProperties[K] extends { callType: true } ? K : never;
}[keyof LocationProperties] &
  string;
export const callTypeFlags = sharedInputNames.filter(
  (name) => properties(resourceNames[0])[name].callType === true,
) as CallTypeFlag[];

/**
 * What an absent input means, by name: its default (check fills it in), or false for a flag
 * (Aculab's default for every boolean purchase parameter, and allowPartial's).
 */
export const absentInputValues: Readonly<Record<string, string | number | boolean>> =
  Object.fromEntries(
    resourceNames.flatMap((resource) =>
      Object.entries(properties(resource))
        .filter(([, p]) => p.input !== undefined)
        .flatMap(([name, p]) => {
          const absent = p.default ?? ("type" in p && p.type === "boolean" ? false : undefined);
          return absent === undefined ? [] : [[name, absent]];
        }),
    ),
  );

export function enumValues(name: TypeName): [string, ...string[]] {
  const type = model.types[name];
  if (type.kind !== "enum") throw new Error(`${name} is not an enum of the model`);
  return Object.keys(type.values) as [string, ...string[]];
}

// ---- zod ----------------------------------------------------------------------------------------

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

/**
 * A resource input's validator: each failure names the property and says how to fix it, with the
 * model's example (`region is required: set it to e.g. "Milton Keynes"`) or its own messages.
 */
function inputValidator(name: string, p: ValueType & { example?: unknown; messages?: Messages }) {
  const m = p.messages ?? {};
  const example = p.example;
  if ("ref" in p) {
    const values = enumValues(p.ref as TypeName);
    return z.enum(values, {
      error: () => `${name} must be one of ${values.map((v) => `"${v}"`).join(", ")}`,
    });
  }
  switch (p.type) {
    case "string": {
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
    case "boolean":
      return z.boolean({
        error: typeErrors(m.required, m.type ?? `${name} must be true or false`),
      });
    case "integer": {
      const wrongType = m.type ?? `${name} must be a whole number such as ${example}`;
      let whole = z
        .number({
          error: typeErrors(
            m.required ?? `${name} is required: set it to e.g. ${example}`,
            wrongType,
          ),
        })
        .int(wrongType);
      if (p.minimum !== undefined)
        whole = whole.min(p.minimum, m.minimum ?? `${name} must be at least ${p.minimum}`);
      if (p.maximum !== undefined)
        whole = whole.max(p.maximum, m.maximum ?? `${name} must be at most ${p.maximum}`);
      return whole;
    }
    default:
      throw new Error(`${name}: the model has no validator for a resource input of type ${p.type}`);
  }
}

/** The validators of a resource's inputs, in the model's order. */
export function resourceInputsSchema<R extends ResourceName>(
  resource: R,
): z.ZodObject<ZodShapeOf<ResourceInputs<R>>> {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, p] of Object.entries(properties(resource))) {
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
