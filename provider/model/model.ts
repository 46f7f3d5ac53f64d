import { config } from "./config";
import { functions } from "./functions";
import { resources } from "./resources";
import { schemaTypes } from "./schemaTypes";
import type { PackageModel } from "./spec";

/**
 * The one description of the package: every resource, function, type and provider setting, with
 * its properties, types, required-ness, defaults, descriptions (in the Aculab reference's wording
 * where it fits), the inputs whose change replaces a resource, and the outputs.
 *
 * What follows from it:
 * - schema.json, generated (`npm run generate`; test/model/generated.test.ts fails when stale);
 * - the zod validators of resource inputs and function arguments (derive.ts) and of the provider
 *   settings (provider/resources/config.ts), at run time;
 * - the TypeScript types of inputs, outputs, arguments and results (types.ts, at type level), which
 *   the lifecycle, the dynamic resource classes and the data functions are written against.
 *
 * The package version and licence are package.json's, read by the generator.
 */

/** GitHub home of the project; also the Go module path of the generated SDK. */
const REPOSITORY = "github.com/aculab-pulumi/pulumi-aculab";

export const model = {
  name: "aculab",
  displayName: "Aculab Cloud",
  description:
    "Buy, track and release Aculab Cloud inbound telephone numbers as code: single numbers and blocks of " +
    "numbers, geographic, national, mobile and toll-free, with data functions for where numbers can be bought.",
  keywords: ["pulumi", "aculab", "telephony", "category/network", "kind/native"],
  homepage: `https://${REPOSITORY}`,
  repository: `https://${REPOSITORY}`,
  license: "Apache-2.0",
  publisher: "pulumi-aculab",
  pluginDownloadURL: `github://api.${REPOSITORY}`,
  language: {
    // TypeScript and JavaScript programs use the dynamic resources of the npm package
    // `pulumi-aculab`, which needs no plugin; an SDK generated for Node.js speaks to the native
    // plugin instead, so it must not take that name. The scope keeps it ours.
    nodejs: {
      packageName: "@pulumi-aculab/plugin-sdk",
      packageDescription:
        "Aculab Cloud inbound telephone numbers through the native pulumi-resource-aculab plugin.",
      respectSchemaVersion: true,
    },
    python: {
      packageName: "pulumi_aculab",
      pyproject: { enabled: true },
      respectSchemaVersion: true,
    },
    go: {
      importBasePath: `${REPOSITORY}/sdk/go/aculab`,
      generateResourceContainerTypes: true,
      respectSchemaVersion: true,
    },
    csharp: {
      rootNamespace: "AculabPulumi",
      namespaces: { aculab: "Aculab" },
      respectSchemaVersion: true,
    },
    java: {
      basePackage: "io.github.aculabpulumi",
    },
  },
  providerDescription:
    "The Aculab Cloud provider. Without explicit arguments it reads the aculab:* stack config, then the ACULAB_* " +
    "environment variables.",
  config,
  types: schemaTypes,
  resources,
  functions,
} as const satisfies PackageModel;

export type Model = typeof model;
