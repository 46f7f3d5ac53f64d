import { model, type Model } from "./model";
import type { PropertyModel } from "./spec";
import type {
  FunctionName,
  ResourceInputName,
  ResourceInputs,
  ResourceName,
  ResourceOutputName,
  TypeName,
} from "./types";

/** What follows from the model at run time: names, tokens and defaults (validators.ts: zod). */

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
