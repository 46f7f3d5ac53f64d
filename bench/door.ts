import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageNodeSdk } from "../packaging/sdkPackages";
import { hostPlatform, packagePlugin, packageVersion } from "../packaging/pluginExecutable";

/**
 * The two ways a TypeScript program reaches Aculab (issue 22, item 4): `dynamic`, this package's
 * dynamic resources run by Pulumi's dynamic-provider host; `plugin`, the Node SDK's classes
 * (`@pulumi-aculab/plugin-sdk`) run by the native plugin, the single executable a release ships.
 */
export type Door = "dynamic" | "plugin";
export const DOORS: readonly Door[] = ["dynamic", "plugin"];

/** What a project needs for the plugin door: the release's archive and the SDK's npm tarball. */
export interface PluginDoor {
  version: string;
  /** `pulumi-resource-aculab-v<version>-<platform>.tar.gz`, as `pulumi plugin install -f` takes it. */
  archive: string;
  /** `@pulumi-aculab/plugin-sdk`'s tarball, as `npm install` would unpack it. */
  sdkTarball: string;
  /** The folder holding both; the caller removes it. */
  dir: string;
}

/**
 * Builds both once per bench run, for this machine's platform only: the executable takes about a
 * minute to make and 124 MB to hold, and every lifecycle installs the same bytes.
 */
export async function preparePluginDoor(log: (line: string) => void): Promise<PluginDoor> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aculab-bench-door-"));
  try {
    const { archives } = await packagePlugin({
      platforms: [hostPlatform()],
      outDir: dir,
      log,
    });
    if (archives.length !== 1) throw new Error(`no plugin archive was built for ${hostPlatform()}`);
    const sdkTarball = packageNodeSdk(dir);
    log(`plugin door: ${archives[0].path}, ${sdkTarball}`);
    return { version: packageVersion(), archive: archives[0].path, sdkTarball, dir };
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
