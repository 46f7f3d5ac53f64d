import * as fs from "node:fs";
import * as path from "node:path";
import { installationConfiguration } from "./registryDocs";
import { schemaJsonText } from "./schema";

/**
 * `npm run generate`: writes the files that follow from the model. Each is a pure function of the
 * model and package.json, so a test can generate them in memory and compare with the repository
 * (test/model/generated.test.ts).
 */

/** The repository root: the folder above this file (source or dist/) holding package.json. */
export function repositoryRootOf(from: string = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`package.json was not found in any folder above ${from}`);
    dir = parent;
  }
  return dir;
}

/** Every generated file, by path relative to the repository root, with its contents. */
export function generatedFiles(root: string = repositoryRootOf()): Record<string, string> {
  const packageJson = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  return {
    "schema.json": schemaJsonText(packageJson),
    "docs/installation-configuration.md": installationConfiguration(packageJson.version),
  };
}

/** Writes the generated files that differ; answers the paths written. */
export function generate(root: string = repositoryRootOf()): string[] {
  const written: string[] = [];
  for (const [file, text] of Object.entries(generatedFiles(root))) {
    const target = path.join(root, file);
    if (fs.existsSync(target) && fs.readFileSync(target, "utf8") === text) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
    written.push(file);
  }
  return written;
}

if (require.main === module) {
  const written = generate();
  console.log(
    written.length > 0 ? `generated ${written.join(", ")}` : "generated files are up to date",
  );
}
