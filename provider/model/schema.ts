import { token } from "./derive";
import { model } from "./model";
import type {
  ConfigSettingModel,
  EnumModel,
  FieldModel,
  FunctionModel,
  ObjectModel,
  PackageModel,
  PropertyModel,
  ResourceModel,
  ValueType,
} from "./spec";

/**
 * schema.json, generated from the model. `packageJson` supplies the version and licence, so that
 * the schema always describes the package that ships it.
 */

type Spec = Record<string, unknown>;

function typeSpec(v: ValueType): Spec {
  if ("ref" in v) return { $ref: `#/types/${token(v.ref)}` };
  switch (v.type) {
    case "array":
      return { type: "array", items: typeSpec(v.items) };
    case "map":
      return { type: "object", additionalProperties: typeSpec(v.values) };
    default:
      return { type: v.type };
  }
}

function fieldSpec(f: FieldModel): Spec {
  return { ...typeSpec(f), description: f.description };
}

function objectSpec(fields: Record<string, FieldModel>): Spec {
  const required = Object.keys(fields).filter((name) => fields[name].required === true);
  return {
    properties: Object.fromEntries(Object.entries(fields).map(([n, f]) => [n, fieldSpec(f)])),
    ...(required.length > 0 ? { required } : {}),
  };
}

function inputDescription(resource: ResourceModel, p: PropertyModel): string {
  return p.replaceOnChanges
    ? `${p.description} ${p.replacementNote ?? resource.replacementNote}`
    : p.description;
}

function propertySpec(description: string, p: PropertyModel, withDefault: boolean): Spec {
  return {
    ...typeSpec(p),
    description,
    ...(withDefault && p.default !== undefined ? { default: p.default } : {}),
    ...(p.replaceOnChanges ? { replaceOnChanges: true } : {}),
  };
}

function resourceSpec(resource: ResourceModel): Spec {
  const entries = Object.entries(resource.properties);
  const inputs = entries.filter(([, p]) => p.input !== undefined);
  const outputs = entries.filter(([, p]) => p.output !== undefined);
  return {
    description: resource.description,
    inputProperties: Object.fromEntries(
      inputs.map(([name, p]) => [name, propertySpec(inputDescription(resource, p), p, true)]),
    ),
    requiredInputs: inputs.filter(([, p]) => p.input === "required").map(([name]) => name),
    properties: Object.fromEntries(
      outputs.map(([name, p]) => [
        name,
        propertySpec(p.outputDescription ?? inputDescription(resource, p), p, false),
      ]),
    ),
    required: outputs.filter(([, p]) => p.output === "required").map(([name]) => name),
  };
}

function settingSpec(s: ConfigSettingModel): Spec {
  return { type: s.type, description: s.description, ...(s.secret ? { secret: true } : {}) };
}

export interface PackageJson {
  version: string;
  license: string;
}

function providerSpec(m: PackageModel): Spec {
  const settings = Object.entries(m.config);
  const settingSpecs = Object.fromEntries(settings.map(([name, s]) => [name, settingSpec(s)]));
  return {
    config: { variables: settingSpecs },
    provider: {
      description: m.providerDescription,
      inputProperties: settingSpecs,
      properties: Object.fromEntries(
        settings.filter(([, s]) => s.providerOutput).map(([name, s]) => [name, settingSpec(s)]),
      ),
    },
  };
}

function typeDefinitionSpec(t: EnumModel | ObjectModel): Spec {
  if (t.kind === "object")
    return { type: "object", description: t.description, ...objectSpec(t.properties) };
  return {
    type: "string",
    description: t.description,
    enum: Object.entries(t.values).map(([value, description]) => ({ value, description })),
  };
}

function functionSpec(f: FunctionModel): Spec {
  return {
    description: f.description,
    inputs: objectSpec(f.inputs),
    outputs: objectSpec(f.outputs),
  };
}

/** The model's entries of one kind, by type token. */
const byToken = <T>(entries: Record<string, T>, spec: (entry: T) => Spec): Spec =>
  Object.fromEntries(Object.entries(entries).map(([name, entry]) => [token(name), spec(entry)]));

export function packageSchema(packageJson: PackageJson, m: PackageModel = model): Spec {
  return {
    name: m.name,
    displayName: m.displayName,
    version: packageJson.version,
    description: m.description,
    keywords: m.keywords,
    homepage: m.homepage,
    repository: m.repository,
    license: packageJson.license,
    publisher: m.publisher,
    pluginDownloadURL: m.pluginDownloadURL,
    // Packs SDKs the current way: Go's go.mod in sdk/go, versions from `version`.
    meta: { supportPack: true },
    language: m.language,
    ...providerSpec(m),
    types: byToken(m.types, typeDefinitionSpec),
    resources: byToken(m.resources, resourceSpec),
    functions: byToken(m.functions, functionSpec),
  };
}

/** schema.json's text: two-space JSON and a final newline. */
export function schemaJsonText(packageJson: PackageJson): string {
  return `${JSON.stringify(packageSchema(packageJson), null, 2)}\n`;
}
