import * as fs from "node:fs";
import * as path from "node:path";
import { model, token, type FunctionName } from "../model";

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

let schema: string | undefined;

/**
 * schema.json exactly as shipped: GetSchema answers these bytes, so SDKs are generated from the file
 * in the repo. The file is generated from the model (provider/model; `npm run generate`).
 */
export function schemaText(): string {
  return (schema ??= fs.readFileSync(path.join(packageRoot(), "schema.json"), "utf8"));
}

export function pluginVersion(): string {
  return JSON.parse(fs.readFileSync(path.join(packageRoot(), "package.json"), "utf8")).version;
}

export const PACKAGE = model.name;

export const resourceTokens = {
  InboundNumber: token("InboundNumber"),
  NumberBlock: token("NumberBlock"),
} as const satisfies Record<keyof typeof model.resources, string>;

export const functionToken = (name: FunctionName): string => token(name);

/** A resource's type token from its URN (`urn:pulumi:stack::project::[parent$]type::name`). */
export function typeOfUrn(urn: string): string {
  const qualifiedType = urn.split("::")[2] ?? "";
  return qualifiedType.split("$").pop()!;
}
