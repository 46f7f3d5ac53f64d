import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { repositoryRoot } from "../../harness";
import { didTypes } from "../../provider/client";
import { functionToken, resourceTokens } from "../../provider/plugin";
import {
  functionArgsSchemas,
  inboundNumberInputsSchema,
  numberBlockInputsSchema,
  providerConfigSchema,
  replacingProperties,
} from "../../provider/resources";

// Per test and hook: far above the time measured on a loaded machine (docs/testing.md).
jest.setTimeout(300_000);

// The plugin's types are the zod schemas of provider/resources; these tests hold schema.json to them,
// so neither can change without the other.

interface PropertySpec {
  type?: string;
  $ref?: string;
  items?: PropertySpec;
  description?: string;
  secret?: boolean;
  replaceOnChanges?: boolean;
}
interface ObjectSpec {
  properties?: Record<string, PropertySpec>;
  required?: string[];
}
const schema = JSON.parse(fs.readFileSync(path.join(repositoryRoot, "schema.json"), "utf8"));
const DID_TYPE_REF = "#/types/aculab:index:DidType";

/** The schema type a zod type accepts, seen through optional, default, refine and transform. */
function schemaTypeOf(type: z.ZodTypeAny): PropertySpec {
  if (type instanceof z.ZodOptional || type instanceof z.ZodDefault)
    return schemaTypeOf(type._def.innerType);
  if (type instanceof z.ZodEffects) return schemaTypeOf(type._def.schema);
  if (
    type instanceof z.ZodUnion &&
    type.options.some((o: z.ZodTypeAny) => o instanceof z.ZodBoolean)
  )
    return { type: "boolean" };
  if (type instanceof z.ZodString) return { type: "string" };
  if (type instanceof z.ZodBoolean) return { type: "boolean" };
  if (type instanceof z.ZodNumber) return { type: type.isInt ? "integer" : "number" };
  if (type instanceof z.ZodEnum && JSON.stringify(type.options) === JSON.stringify(didTypes))
    return { $ref: DID_TYPE_REF };
  throw new Error(`no schema type for zod ${type.constructor.name}`);
}

function typeOnly(spec: PropertySpec): PropertySpec {
  return spec.$ref ? { $ref: spec.$ref } : { type: spec.type };
}

function expectMatches(
  spec: ObjectSpec & { inputProperties?: ObjectSpec["properties"]; requiredInputs?: string[] },
  shape: z.ZodRawShape,
  asInputs: boolean,
) {
  const properties = (asInputs ? spec.inputProperties : spec.properties) ?? {};
  const required = (asInputs ? spec.requiredInputs : spec.required) ?? [];
  expect(Object.keys(properties).sort()).toEqual(Object.keys(shape).sort());
  for (const [name, type] of Object.entries(shape)) {
    expect([name, typeOnly(properties[name])]).toEqual([name, schemaTypeOf(type)]);
  }
  expect([...required].sort()).toEqual(
    Object.keys(shape)
      .filter((name) => !shape[name].isOptional())
      .sort(),
  );
}

describe("schema.json", () => {
  it("is package aculab with the two resources and five functions the plugin serves", () => {
    expect(schema.name).toBe("aculab");
    expect(Object.keys(schema.resources).sort()).toEqual(Object.values(resourceTokens).sort());
    expect(Object.keys(schema.functions).sort()).toEqual(
      Object.keys(functionArgsSchemas)
        .map((n) => functionToken(n as never))
        .sort(),
    );
  });

  it.each([
    ["InboundNumber", inboundNumberInputsSchema],
    ["NumberBlock", numberBlockInputsSchema],
  ] as const)(
    "%s inputs are the zod input schema's properties, types and required ones",
    (name, inputs) => {
      expectMatches(schema.resources[resourceTokens[name]], inputs.shape, true);
    },
  );

  it("outputs are the inputs plus what the resource reports, with the same types", () => {
    const inbound = schema.resources[resourceTokens.InboundNumber];
    const block = schema.resources[resourceTokens.NumberBlock];
    expect(Object.keys(inbound.properties).sort()).toEqual(
      [...Object.keys(inboundNumberInputsSchema.shape), "monthlyPrice", "purchased"].sort(),
    );
    expect(Object.keys(block.properties).sort()).toEqual(
      [...Object.keys(numberBlockInputsSchema.shape), "monthlyPrice", "numbers"].sort(),
    );
    for (const resource of [inbound, block]) {
      for (const [name, spec] of Object.entries(
        resource.inputProperties as Record<string, PropertySpec>,
      )) {
        expect([name, typeOnly(resource.properties[name])]).toEqual([name, typeOnly(spec)]);
      }
    }
    expect(inbound.properties.monthlyPrice.type).toBe("number");
    expect(block.properties.numbers).toMatchObject({ type: "array", items: { type: "string" } });
    expect(inbound.required.sort()).toEqual([
      "country",
      "didType",
      "monthlyPrice",
      "number",
      "purchased",
      "region",
    ]);
    expect(block.required.sort()).toEqual([
      "country",
      "didType",
      "monthlyPrice",
      "numbers",
      "quantity",
      "region",
    ]);
  });

  it("marks exactly the properties whose change the shared diff replaces with replaceOnChanges", () => {
    const replacing = (properties: Record<string, PropertySpec>) =>
      Object.keys(properties)
        .filter((name) => properties[name].replaceOnChanges === true)
        .sort();
    const inbound = schema.resources[resourceTokens.InboundNumber];
    const block = schema.resources[resourceTokens.NumberBlock];
    expect(replacing(inbound.inputProperties)).toEqual([...replacingProperties, "number"].sort());
    expect(replacing(inbound.properties)).toEqual([...replacingProperties, "number"].sort());
    expect(replacing(block.inputProperties)).toEqual([...replacingProperties].sort());
    expect(replacing(block.properties)).toEqual([...replacingProperties].sort());
  });

  it("didType is an enum of exactly the kinds the client knows", () => {
    expect(
      schema.types["aculab:index:DidType"].enum.map((e: { value: string }) => e.value),
    ).toEqual([...didTypes]);
  });

  it.each(Object.entries(functionArgsSchemas))(
    "function %s takes the arguments its zod schema takes",
    (name, args) => {
      expectMatches(
        {
          properties: schema.functions[functionToken(name as never)].inputs.properties,
          required: schema.functions[functionToken(name as never)].inputs.required,
        },
        args.innerType().shape,
        false,
      );
    },
  );

  it("config and provider take the settings resolveProviderConfig reads, apiKey secret", () => {
    for (const properties of [schema.config.variables, schema.provider.inputProperties]) {
      expectMatches(
        { properties, required: [] },
        Object.fromEntries(
          Object.entries(providerConfigSchema.shape).map(([name, type]) => [
            name,
            (type as z.ZodTypeAny).optional(),
          ]),
        ),
        false,
      );
      expect(Object.keys(properties).filter((name) => properties[name].secret === true)).toEqual([
        "apiKey",
      ]);
    }
    expect(schema.provider.properties.apiKey).toBeUndefined();
  });

  it("describes every property, argument, result and type", () => {
    const undescribed: string[] = [];
    const walk = (node: unknown, where: string) => {
      if (typeof node !== "object" || node === null) return;
      for (const [key, value] of Object.entries(node)) {
        if (["properties", "inputProperties", "variables"].includes(key)) {
          for (const [name, spec] of Object.entries(value as Record<string, PropertySpec>)) {
            if (!spec.description) undescribed.push(`${where}/${key}/${name}`);
          }
        }
        walk(value, `${where}/${key}`);
      }
    };
    walk(schema, "");
    expect(undescribed).toEqual([]);
    for (const group of ["resources", "functions", "types"]) {
      for (const [token, spec] of Object.entries(
        schema[group] as Record<string, { description?: string }>,
      )) {
        expect([token, typeof spec.description]).toEqual([token, "string"]);
      }
    }
  });
});
