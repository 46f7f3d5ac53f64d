import * as fs from "node:fs";
import * as path from "node:path";
import { repositoryRoot } from "../../../harness/workspace";

/** The files package.json's "files" ships in policy/: the pack as an installed pulumi-aculab has it. */
const SHIPPED_PACK_FILES = ["PulumiPolicy.yaml", "entry.js", "package.json"];

/**
 * The aculab policy pack laid out as `npm install pulumi-aculab @pulumi/policy` leaves it, under
 * `into`: pulumi-aculab/policy holds only the shipped files (so entry.js, finding no TypeScript
 * sources beside it, loads the compiled pack from ../dist/policy), and the pack folder's
 * node_modules has @pulumi/policy and @pulumi/pulumi, linked from this repository's install.
 * Returns the folder to pass to `--policy-pack`.
 */
export function installPolicyPack(into: string): string {
  const pkg = path.join(into, "pulumi-aculab");
  const pack = path.join(pkg, "policy");
  fs.mkdirSync(path.join(pack, "node_modules", "@pulumi"), { recursive: true });
  fs.copyFileSync(path.join(repositoryRoot, "package.json"), path.join(pkg, "package.json"));
  fs.symlinkSync(path.join(repositoryRoot, "dist"), path.join(pkg, "dist"), "dir");
  for (const file of SHIPPED_PACK_FILES) {
    fs.copyFileSync(path.join(repositoryRoot, "policy", file), path.join(pack, file));
  }
  for (const dependency of ["@pulumi/policy", "@pulumi/pulumi"]) {
    fs.symlinkSync(
      path.dirname(require.resolve(`${dependency}/package.json`, { paths: [repositoryRoot] })),
      path.join(pack, "node_modules", dependency),
      "dir",
    );
  }
  return pack;
}
