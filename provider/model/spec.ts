/**
 * The shape of the package model (model.ts) and the TypeScript types derived from it. The model is
 * plain data: schema.json is generated from it (schema.ts), the zod validators are built from it
 * (derive.ts; the provider settings' in provider/resources/config.ts), and the types below turn it
 * into the inputs, outputs, arguments and results the code is written against, so that no property
 * is declared twice.
 */

/** What a value is. `ref` names one of the model's types (an enum or an object). */
export type ValueType =
  | { type: "string"; pattern?: RegExp }
  | { type: "integer"; minimum?: number; maximum?: number }
  | { type: "number" }
  | { type: "boolean" }
  | { type: "array"; items: ValueType }
  | { type: "map"; values: ValueType }
  | { ref: string };

/** Texts of validation failures that say more than the generic ones (derive.ts and provider/zodMessages.ts have those). */
export interface Messages {
  required?: string;
  type?: string;
  pattern?: string;
  minimum?: string;
  maximum?: string;
}

interface Documented {
  /** Markdown, as schema.json carries it to every SDK's documentation. */
  description: string;
  /** A value to show in validation failures (`set it to e.g. "United Kingdom"`). */
  example?: string | number;
  messages?: Messages;
}

/** A property of a function's arguments or result, or of an object type. */
export type FieldModel = ValueType & Documented & { required?: boolean };

/** A property of a resource: an input, an output, or both (inputs are echoed as outputs). */
export type PropertyModel = ValueType &
  Documented & {
    input?: "required" | "optional";
    output?: "required" | "optional";
    /** When the output says more than the input's description (e.g. an id the provider chose). */
    outputDescription?: string;
    /** Changing the input replaces the resource; the shared diff replaces on exactly these. */
    replaceOnChanges?: boolean;
    /** What replacing means for this input, when the resource's `replacementNote` does not fit. */
    replacementNote?: string;
    /** The value check fills in when the input is absent; SDKs may send it. */
    default?: string | number | boolean;
    /**
     * A call type a toll-free number accepts (Aculab's allow_* purchase parameters): for toll-free
     * numbers only, and a toll-free purchase must allow at least one.
     */
    callType?: true;
  };

export interface EnumModel {
  kind: "enum";
  description: string;
  /** Value → its description, in the order schema.json lists them. */
  values: Record<string, string>;
}

export interface ObjectModel {
  kind: "object";
  description: string;
  properties: Record<string, FieldModel>;
}

export interface ResourceModel {
  description: string;
  /** Appended to the description of every input with `replaceOnChanges`. */
  replacementNote: string;
  properties: Record<string, PropertyModel>;
}

export interface FunctionModel {
  description: string;
  inputs: Record<string, FieldModel>;
  outputs: Record<string, FieldModel>;
}

/** A provider setting: stack config `<package>:<name>`, the environment variable `env`. */
export interface ConfigSettingModel {
  type: "string" | "boolean" | "integer";
  description: string;
  env: string;
  /** The provider refuses to run without it (from config or the environment); not required in schema.json. */
  needed?: boolean;
  secret?: boolean;
  /** What an absent setting means. Documented only: an SDK sending it would hide stack config. */
  default?: string | number | boolean;
  /** Also an output of the provider resource (never a secret). */
  providerOutput?: boolean;
}

export interface PackageModel {
  name: string;
  displayName: string;
  description: string;
  keywords: readonly string[];
  homepage: string;
  repository: string;
  license: string;
  publisher: string;
  /**
   * Where the CLI downloads the plugin from: every SDK's pulumi-plugin.json carries it, so
   * `pulumi install` fetches `pulumi-resource-aculab-v<version>-<os>-<arch>.tar.gz` from the GitHub
   * release tagged v<version> (docs/packaging.md).
   */
  pluginDownloadURL: string;
  /** schema.json's `language` section, per language, as the code generators read it. */
  language: Record<string, Record<string, unknown>>;
  providerDescription: string;
  config: Record<string, ConfigSettingModel>;
  types: Record<string, EnumModel | ObjectModel>;
  resources: Record<string, ResourceModel>;
  functions: Record<string, FunctionModel>;
}

// ---- Type-level derivation -------------------------------------------------------------------

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The TypeScript type of a value of the model, its refs resolved in `Types`. */
export type TsOf<P, Types> = P extends { ref: infer R extends keyof Types }
  ? RefTs<Types[R], Types>
  : P extends { type: "array"; items: infer I }
    ? TsOf<I, Types>[]
    : P extends { type: "map"; values: infer V }
      ? Record<string, TsOf<V, Types>>
      : P extends { type: "string" }
        ? string
        : P extends { type: "integer" | "number" }
          ? number
          : P extends { type: "boolean" }
            ? boolean
            : never;

type RefTs<M, Types> = M extends { kind: "enum"; values: infer V }
  ? keyof V & string
  : M extends { kind: "object"; properties: infer Ps }
    ? FieldsTs<Ps, Types>
    : never;

/** An object of fields: `required: true` ones always there, the rest optional. */
export type FieldsTs<Ps, Types> = Simplify<
  {
    -readonly [K in keyof Ps as Ps[K] extends { required: true } ? K : never]: TsOf<Ps[K], Types>;
  } & {
    -readonly [K in keyof Ps as Ps[K] extends { required: true } ? never : K]?: TsOf<Ps[K], Types>;
  }
>;

type Side = "input" | "output";

/** A resource's inputs (side "input") or outputs (side "output"). */
export type PropertiesTs<Ps, Types, S extends Side> = Simplify<
  {
    -readonly [K in keyof Ps as Ps[K] extends { [k in S]: "required" } ? K : never]: TsOf<
      Ps[K],
      Types
    >;
  } & {
    -readonly [K in keyof Ps as Ps[K] extends { [k in S]: "optional" } ? K : never]?: TsOf<
      Ps[K],
      Types
    >;
  }
>;

/** The names of a resource's inputs or outputs. */
export type PropertyNames<Ps, S extends Side> = {
  [K in keyof Ps]: Ps[K] extends { [k in S]: string } ? K : never;
}[keyof Ps] &
  string;
