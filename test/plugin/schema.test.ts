import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { repositoryRoot } from "../../harness";
import { didTypes } from "../../provider/client";
import { inputNames, outputNames } from "../../provider/model";
import { functionToken, resourceTokens } from "../../provider/plugin";
import {
  checkInputs,
  functionArgsSchemas,
  inboundNumberInputsSchema,
  inboundNumberLifecycle,
  numberBlockInputsSchema,
  numberBlockLifecycle,
  providerConfigSchema,
} from "../../provider/resources";

// Per test and hook: far above the time measured on a loaded machine (docs/testing.md).
jest.setTimeout(300_000);

// schema.json is generated from the model (test/model/generated.test.ts proves it is not stale);
// these tests hold it to the code that runs: the zod validators check uses, the diff that decides
// replacements, and the settings resolveProviderConfig reads.

interface PropertySpec {
  type?: string;
  $ref?: string;
  items?: PropertySpec;
  description?: string;
  secret?: boolean;
  replaceOnChanges?: boolean;
  default?: unknown;
}
interface ObjectSpec {
  properties?: Record<string, PropertySpec>;
  required?: string[];
}
const schema = JSON.parse(fs.readFileSync(path.join(repositoryRoot, "schema.json"), "utf8"));
const packageJson = JSON.parse(fs.readFileSync(path.join(repositoryRoot, "package.json"), "utf8"));
const DID_TYPE_REF = "#/types/aculab:index:DidType";

/**
 * The schema type a zod type accepts, seen through optional, default and transform. Zod 4 keeps a
 * schema's definition in `_zod.def` (`.def` on zod's classes), told apart by `def.type`; a refine
 * is a check inside the schema, no longer a wrapper, and a transform is a pipe from its input.
 */
function schemaTypeOf(type: z.core.$ZodType): PropertySpec {
  const def = (type as z.core.$ZodTypes)._zod.def;
  switch (def.type) {
    case "optional":
    case "default":
      return schemaTypeOf(def.innerType);
    case "pipe":
      return schemaTypeOf(def.in);
    case "union":
      if (def.options.some((o) => o._zod.def.type === "boolean")) return { type: "boolean" };
      break;
    case "string":
      return { type: "string" };
    case "boolean":
      return { type: "boolean" };
    case "number":
      return { type: (type as z.ZodNumber).format === "safeint" ? "integer" : "number" };
    case "enum":
      if (JSON.stringify(Object.values(def.entries)) === JSON.stringify(didTypes))
        return { $ref: DID_TYPE_REF };
      break;
  }
  throw new Error(`no schema type for zod ${def.type}`);
}

/** Zod 4's test of an optional key (its deprecated isOptional() does the same). */
const acceptsAbsent = (type: z.core.$ZodType) => z.safeParse(type, undefined).success;

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
  expect(Object.keys(properties)).toEqual(Object.keys(shape));
  for (const [name, type] of Object.entries(shape)) {
    expect([name, typeOnly(properties[name])]).toEqual([name, schemaTypeOf(type)]);
  }
  expect([...required].sort()).toEqual(
    Object.keys(shape)
      .filter((name) => !acceptsAbsent(shape[name]))
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

  it("carries package.json's version and licence, and the package metadata real packages carry", () => {
    expect(schema.version).toBe(packageJson.version);
    expect(schema.license).toBe(packageJson.license);
    expect(schema).toMatchObject({
      displayName: "Aculab Cloud",
      publisher: "pulumi-aculab",
      repository: "https://github.com/aculab-pulumi/pulumi-aculab",
      homepage: "https://github.com/aculab-pulumi/pulumi-aculab",
      meta: { supportPack: true },
    });
    expect(typeof schema.description).toBe("string");
  });

  it("names each language's SDK package", () => {
    expect(schema.language).toEqual({
      nodejs: {
        packageName: "@pulumi-aculab/plugin-sdk",
        packageDescription: expect.any(String),
        respectSchemaVersion: true,
      },
      python: {
        packageName: "pulumi_aculab",
        pyproject: { enabled: true },
        respectSchemaVersion: true,
      },
      go: {
        importBasePath: "github.com/aculab-pulumi/pulumi-aculab/sdk/go/aculab",
        generateResourceContainerTypes: true,
        respectSchemaVersion: true,
      },
      csharp: {
        rootNamespace: "AculabPulumi",
        namespaces: { aculab: "Aculab" },
        respectSchemaVersion: true,
      },
      java: { basePackage: "io.github.aculabpulumi" },
    });
  });

  it.each([
    ["InboundNumber", inboundNumberInputsSchema],
    ["NumberBlock", numberBlockInputsSchema],
  ] as const)(
    "%s inputs are the validator's properties, in its order, with its types and required ones",
    (name, inputs) => {
      expectMatches(schema.resources[resourceTokens[name]], inputs.shape, true);
    },
  );

  it("outputs are the inputs plus what the lifecycle records, with the same types", () => {
    const inbound = schema.resources[resourceTokens.InboundNumber];
    const block = schema.resources[resourceTokens.NumberBlock];
    expect(Object.keys(inbound.properties)).toEqual([
      ...Object.keys(inboundNumberInputsSchema.shape),
      "monthlyPrice",
      "purchased",
      "development",
    ]);
    expect(Object.keys(block.properties)).toEqual([
      ...Object.keys(numberBlockInputsSchema.shape),
      "numbers",
      "monthlyPrice",
      "requestedQuantity",
      "development",
    ]);
    for (const resource of [inbound, block]) {
      for (const [name, spec] of Object.entries(
        resource.inputProperties as Record<string, PropertySpec>,
      )) {
        expect([name, typeOnly(resource.properties[name])]).toEqual([name, typeOnly(spec)]);
      }
    }
    expect(inbound.properties.monthlyPrice.type).toBe("number");
    expect(inbound.properties.development.type).toBe("boolean");
    expect(block.properties.numbers).toMatchObject({ type: "array", items: { type: "string" } });
    expect(block.properties.requestedQuantity.type).toBe("integer");
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
    expect(Object.keys(inbound.properties)).toEqual(outputNames("InboundNumber"));
    expect(Object.keys(block.properties)).toEqual(outputNames("NumberBlock"));
  });

  it("defaults didType to the value check fills in, and nothing else", () => {
    const located = { country: "United Kingdom", region: "Milton Keynes" };
    for (const [name, raw] of [
      ["InboundNumber", located],
      ["NumberBlock", { ...located, quantity: 1 }],
    ] as const) {
      const inputProperties = schema.resources[resourceTokens[name]].inputProperties as Record<
        string,
        PropertySpec
      >;
      const defaults = Object.fromEntries(
        Object.entries(inputProperties)
          .filter(([, spec]) => spec.default !== undefined)
          .map(([property, spec]) => [property, spec.default]),
      );
      expect([name, defaults]).toEqual([name, { didType: "geographic" }]);
      expect(checkInputs(name, raw)).toEqual({ inputs: { ...raw, ...defaults }, failures: [] });
    }
  });

  it("marks replaceOnChanges on exactly the inputs whose change the lifecycle's diff replaces", () => {
    const changed = (value: unknown) =>
      typeof value === "boolean" ? !value : typeof value === "number" ? value + 1 : `${value}x`;
    const cases = [
      [
        resourceTokens.InboundNumber,
        inboundNumberLifecycle,
        {
          country: "Spain",
          state: "None",
          region: "901",
          didType: "tollfree",
          regulationAddress: "My french place",
          basedOn: "support-line",
          allowLandline: true,
          allowCellular: false,
          allowPayphone: false,
          number: "34901000001",
        },
      ],
      [
        resourceTokens.NumberBlock,
        numberBlockLifecycle,
        {
          country: "Spain",
          state: "None",
          region: "901",
          didType: "tollfree",
          regulationAddress: "My french place",
          basedOn: "support-line",
          allowLandline: true,
          allowCellular: false,
          allowPayphone: false,
          quantity: 2,
          allowPartial: false,
        },
      ],
    ] as const;
    for (const [token, lifecycle, olds] of cases) {
      const resource = schema.resources[token];
      const replacedByDiff = Object.keys(olds)
        .filter((property) => {
          const news = {
            ...olds,
            [property]:
              property === "didType" ? "national" : changed(olds[property as keyof typeof olds]),
          };
          return lifecycle.diff(olds, news).replaces.includes(property);
        })
        .sort();
      const marked = (properties: Record<string, PropertySpec>) =>
        Object.keys(properties)
          .filter((name) => properties[name].replaceOnChanges === true)
          .sort();
      expect([token, marked(resource.inputProperties)]).toEqual([token, replacedByDiff]);
      expect([token, marked(resource.properties)]).toEqual([token, replacedByDiff]);
      expect(Object.keys(olds).sort()).toEqual(
        inputNames(token === resourceTokens.InboundNumber ? "InboundNumber" : "NumberBlock").sort(),
      );
    }
  });

  it("didType is an enum of exactly the kinds the client knows", () => {
    expect(
      schema.types["aculab:index:DidType"].enum.map((e: { value: string }) => e.value),
    ).toEqual([...didTypes]);
  });

  it.each(Object.entries(functionArgsSchemas))(
    "function %s takes the arguments its validator takes",
    (name, args) => {
      expectMatches(
        {
          properties: schema.functions[functionToken(name as never)].inputs.properties,
          required: schema.functions[functionToken(name as never)].inputs.required,
        },
        args.shape,
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
            (type as z.ZodType).optional(),
          ]),
        ),
        false,
      );
      expect(Object.keys(properties).filter((name) => properties[name].secret === true)).toEqual([
        "apiKey",
      ]);
      // A default an SDK sent would come before stack config and hide it.
      expect(Object.values(properties).filter((p) => (p as PropertySpec).default)).toEqual([]);
    }
    expect(Object.keys(schema.provider.properties)).toEqual(["cloudId", "username", "endpoint"]);
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
    for (const value of schema.types["aculab:index:DidType"].enum)
      expect([value.value, typeof value.description]).toEqual([value.value, "string"]);
  });
});
