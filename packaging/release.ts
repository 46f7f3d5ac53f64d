import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { repositoryRootOf } from "../provider/model/generate";
import {
  packagePlugin,
  packageVersion,
  pluginPlatforms,
  type PackagedPlugins,
  type PluginPlatform,
} from "./pluginExecutable";
import {
  packageDynamicResources,
  packageGoSdk,
  packageNodeSdk,
  packagePythonSdk,
} from "./sdkPackages";

/**
 * `npm run package`: every artifact a release publishes, written into dist/release/ (or --out):
 *
 *   pulumi-resource-aculab-v<version>-<os>-<arch>.tar.gz   the plugin, one per platform
 *   pulumi-aculab-plugin-sdk-<version>.tgz                 the Node.js SDK, for npm
 *   pulumi-aculab-<version>.tgz                            the dynamic resources, for npm
 *   python/pulumi_aculab-<version>-py3-none-any.whl, .tar.gz   the Python SDK, for PyPI
 *   go/<module path>/@v/v<version>.{info,mod,zip}, list    the Go SDK, as the module proxy serves it
 *   SHA256SUMS                                             a checksum of every file above
 *
 * The release workflow (.github/workflows/release.yml) runs exactly this command; the engine suite
 * runs it too and installs what it writes.
 */

const USAGE = `usage: npm run package -- [--platform <os-arch> ...] [--out <folder>]
  --platform  build the plugin for these platforms only (default: all of ${pluginPlatforms.join(", ")})
  --out       where to write the artifacts (default: dist/release; emptied first)`;

export interface ReleaseArtifacts {
  version: string;
  plugins: PackagedPlugins;
  dynamicResources: string;
  nodeSdk: string;
  pythonSdk: string[];
  goModule: string;
  checksums: string;
}

export async function packageRelease(
  outDir: string,
  platforms: readonly PluginPlatform[] = pluginPlatforms,
  log: (line: string) => void = () => {},
): Promise<ReleaseArtifacts> {
  const version = packageVersion();
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const plugins = await packagePlugin({ version, platforms, outDir, log });
  const dynamicResources = packageDynamicResources(outDir);
  const nodeSdk = packageNodeSdk(outDir);
  const pythonSdk = packagePythonSdk(path.join(outDir, "python"));
  const goModule = packageGoSdk(path.join(outDir, "go"), version);
  const checksums = path.join(outDir, "SHA256SUMS");
  const files = fs
    .readdirSync(outDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(outDir, path.join(entry.parentPath, entry.name)))
    .sort();
  fs.writeFileSync(
    checksums,
    files
      .map((file) => {
        const digest = createHash("sha256").update(fs.readFileSync(path.join(outDir, file)));
        return `${digest.digest("hex")}  ${file}\n`;
      })
      .join(""),
  );
  return { version, plugins, dynamicResources, nodeSdk, pythonSdk, goModule, checksums };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      platform: { type: "string", multiple: true },
      out: { type: "string", default: path.join(repositoryRootOf(__dirname), "dist", "release") },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const asked = values.platform as PluginPlatform[] | undefined;
  const artifacts = await packageRelease(
    path.resolve(values.out),
    asked ?? pluginPlatforms,
    (line) => process.stderr.write(`${line}\n`),
  );
  for (const { platform, reason } of artifacts.plugins.notBuilt) {
    process.stderr.write(`not built: ${platform}: ${reason}\n`);
  }
  for (const file of [
    ...artifacts.plugins.archives.map((archive) => archive.path),
    artifacts.dynamicResources,
    artifacts.nodeSdk,
    ...artifacts.pythonSdk,
    artifacts.goModule,
    artifacts.checksums,
  ]) {
    process.stdout.write(
      `${path.relative(process.cwd(), file)}  ${fs.statSync(file).size} bytes\n`,
    );
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`npm run package: ${(error as Error).message}\n${USAGE}\n`);
    process.exit(1);
  });
}
