import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** The repository root, whether running from source (ts-jest) or from dist/. */
export const repositoryRoot = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "package.json")) || path.basename(dir) === "dist")
    dir = path.dirname(dir);
  return dir;
})();

export interface ProgramWorkspace {
  /** The program's folder: where the engine runs the program and starts the dynamic-provider host. */
  programDir: string;
  remove(): void;
}

/**
 * A throwaway folder laid out like a user's project that has installed this package: the program's
 * files, node_modules/pulumi-aculab pointing at this repository (its build in dist/), and @pulumi/pulumi.
 */
export function createProgramWorkspace(programSourceDir: string): ProgramWorkspace {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "aculab-program-"));
  const programDir = path.join(root, "program");
  fs.cpSync(programSourceDir, programDir, {
    recursive: true,
    filter: (source) => !source.includes(`${path.sep}node_modules`),
  });
  fs.mkdirSync(path.join(root, "node_modules", "@pulumi"), { recursive: true });
  fs.symlinkSync(repositoryRoot, path.join(root, "node_modules", "pulumi-aculab"), "dir");
  // Every Pulumi program also has @pulumi/pulumi installed. Linking the very copy this package
  // uses keeps one runtime in the process, so mocks and config reach the package too.
  fs.symlinkSync(
    path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [repositoryRoot] })),
    path.join(root, "node_modules", "@pulumi", "pulumi"),
    "dir",
  );
  return { programDir, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}
