import * as fs from "node:fs";
import * as path from "node:path";
import * as sea from "node:sea";
import { model, resourceNames, token, type FunctionName, type ResourceName } from "../model";

/** The package's root, where schema.json ships beside package.json, from source (ts-jest) or from dist/. */
function packageRoot(): string {
  let dir = __dirname;
  while (
    !fs.existsSync(path.join(dir, "schema.json")) ||
    !fs.existsSync(path.join(dir, "package.json"))
  ) {
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error(`schema.json was not found in any folder above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

/**
 * The files the plugin reads at run time. The plugin executable (packaging/pluginExecutable.ts)
 * carries exactly these as its single-executable-application assets, under the same names, since
 * it runs where no package folder exists.
 */
export const packageFiles = ["schema.json", "package.json"] as const;

function packageFile(name: (typeof packageFiles)[number]): string {
  return sea.isSea()
    ? sea.getAsset(name, "utf8")
    : fs.readFileSync(path.join(packageRoot(), name), "utf8");
}

let schema: string | undefined;

/**
 * schema.json exactly as shipped: GetSchema answers these bytes, so SDKs are generated from the file
 * in the repo. The file is generated from the model (provider/model; `npm run generate`).
 */
export function schemaText(): string {
  return (schema ??= packageFile("schema.json"));
}

export function pluginVersion(): string {
  return JSON.parse(packageFile("package.json")).version;
}

export const PACKAGE = model.name;

export const resourceTokens = Object.fromEntries(
  resourceNames.map((name) => [name, token(name)]),
) as Record<ResourceName, string>;

export const functionToken = (name: FunctionName): string => token(name);

/** A resource's type token from its URN (`urn:pulumi:stack::project::[parent$]type::name`). */
export function typeOfUrn(urn: string): string {
  const qualifiedType = urn.split("::")[2] ?? "";
  return qualifiedType.split("$").pop()!;
}
