import type { Model } from "./model";
import type { FieldsTs, PropertiesTs, PropertyNames, TsOf } from "./spec";

/** The TypeScript types the code is written against, all derived from the model at type level. */

type Types = Model["types"];
type Resources = Model["resources"];
type Functions = Model["functions"];

export type ResourceName = keyof Resources & string;
export type FunctionName = keyof Functions & string;
export type TypeName = keyof Types & string;

/** A type of the model by name: `ModelType<"DidType">` is "geographic" | "national" | ... */
export type ModelType<T extends TypeName> = TsOf<{ ref: T }, Types>;

/** What a program gives a resource: the required inputs, and the optional ones. */
export type ResourceInputs<R extends ResourceName> = PropertiesTs<
  Resources[R]["properties"],
  Types,
  "input"
>;
/** What the resource records in state and hands back: its outputs. */
export type ResourceOutputs<R extends ResourceName> = PropertiesTs<
  Resources[R]["properties"],
  Types,
  "output"
>;
export type ResourceInputName<R extends ResourceName> = PropertyNames<
  Resources[R]["properties"],
  "input"
>;
export type ResourceOutputName<R extends ResourceName> = PropertyNames<
  Resources[R]["properties"],
  "output"
>;

export type FunctionArgs<F extends FunctionName> = FieldsTs<Functions[F]["inputs"], Types>;
export type FunctionResult<F extends FunctionName> = FieldsTs<Functions[F]["outputs"], Types>;

type Settings = Model["config"];
type Set<K extends keyof Settings> = Settings[K] extends { type: "boolean" }
  ? boolean
  : Settings[K] extends { type: "integer" }
    ? number
    : string;
/** The provider's settings once resolved: the needed ones, and those with a default, are always set. */
export type ProviderSettings = {
  -readonly [
    K in keyof Settings as Settings[K] extends { needed: true } | { default: unknown } ? K : never
  ]: Set<K>;
} & {
  -readonly [
    K in keyof Settings as Settings[K] extends { needed: true } | { default: unknown } ? never : K
  ]?: Set<K>;
};
export type SettingName = keyof Settings & string;
