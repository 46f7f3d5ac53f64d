import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import { repositoryRoot } from "../../../harness/workspace";
import { packageVersion } from "../../../packaging/pluginExecutable";
import { goModulePath } from "../../../packaging/sdkPackages";
import { model } from "../../../provider/model";

// What a user installs, as the engine suite installs it: the artifacts `npm run package` writes
// (built here for this machine's platform), served by a release server on loopback that stands in
// for the GitHub release `pluginDownloadURL` names, and a PATH on which no `node` can be found.

export interface Release {
  dir: string;
  version: string;
  /** pulumi-resource-aculab-v<version>-linux-amd64.tar.gz */
  pluginArchive: string;
  /** The folder holding the Python wheel and sdist (a pip --find-links folder). */
  pythonDir: string;
  /** The Go SDK in the module proxy's layout: a GOPROXY folder. */
  goProxy: string;
  nodeSdk: string;
}

/** `npm run package -- --platform linux-amd64 --out <temp>` (its build in dist/), as the release workflow runs it. */
export function buildRelease(): Release {
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(
      `the engine suite installs the linux-amd64 plugin and runs on linux x64; this is ${process.platform} ${process.arch}`,
    );
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aculab-release-"));
  const run = spawnSync(
    process.execPath,
    [
      path.join(repositoryRoot, "dist", "packaging", "release.js"),
      "--platform",
      "linux-amd64",
      "--out",
      dir,
    ],
    { cwd: repositoryRoot, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
  if (run.status !== 0) {
    throw new Error(`npm run package failed (exit ${run.status}):\n${run.stdout}${run.stderr}`);
  }
  const version = packageVersion();
  const file = (name: string) => {
    const found = path.join(dir, name);
    if (!fs.existsSync(found)) {
      throw new Error(
        `npm run package wrote no ${name}; it wrote ${fs.readdirSync(dir).join(", ")}`,
      );
    }
    return found;
  };
  file(`go/${goModulePath}/@v/v${version}.zip`);
  return {
    dir,
    version,
    pluginArchive: file(`pulumi-resource-aculab-v${version}-linux-amd64.tar.gz`),
    pythonDir: path.dirname(file(`python/pulumi_aculab-${version}-py3-none-any.whl`)),
    goProxy: path.join(dir, "go"),
    nodeSdk: file(`pulumi-aculab-plugin-sdk-${version}.tgz`),
  };
}

export interface ReleaseServer {
  /** http://127.0.0.1:<port>/v<version>: where the CLI is sent instead of the GitHub release. */
  url: string;
  /** The path of every request the server answered, in order. */
  requests: string[];
  /**
   * PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES (the CLI's own variable for mirrors): pluginDownloadURL's
   * github:// address → this server.
   */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** Serves the release's files from loopback, as the GitHub release v<version> serves its assets. */
export async function startReleaseServer(release: Release): Promise<ReleaseServer> {
  const requests: string[] = [];
  const prefix = `/v${release.version}/`;
  const server = http.createServer((request, response) => {
    const url = request.url ?? "";
    requests.push(`${request.method} ${url}`);
    const file = url.startsWith(prefix) ? path.join(release.dir, url.slice(prefix.length)) : "";
    if (file === "" || path.dirname(file) !== release.dir || !fs.existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-length": fs.statSync(file).size });
    fs.createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  const url = `http://127.0.0.1:${port}/v${release.version}`;
  const githubSource = model.pluginDownloadURL.replace(/[.]/g, "\\.");
  return {
    url,
    requests,
    env: { PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES: `^${githubSource}$=${url}` },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * A PATH holding the Pulumi CLI's folder and the tools a Python or Go program needs (python3, go),
 * each linked alone into a folder of its own, so that no `node` is found on it: the user of the
 * plugin binary has no Node.js. Throws if a `node` is reachable all the same.
 */
export function pathWithoutNode(cliBin: string): string {
  const tools = fs.mkdtempSync(path.join(os.tmpdir(), "aculab-no-node-"));
  const real = (command: string, args: string[]) => {
    const run = spawnSync(command, args, { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`the engine suite needs \`${command}\` on PATH`);
    return run.stdout.trim();
  };
  const python = real("python3", ["-c", "import sys; print(sys.executable)"]);
  fs.symlinkSync(python, path.join(tools, "python3"));
  fs.symlinkSync(python, path.join(tools, "python"));
  fs.symlinkSync(path.join(real("go", ["env", "GOROOT"]), "bin", "go"), path.join(tools, "go"));
  const PATH = [cliBin, tools].join(path.delimiter);
  for (const folder of PATH.split(path.delimiter)) {
    if (fs.existsSync(path.join(folder, "node"))) {
      throw new Error(`${folder} holds a node, so the run would not prove the plugin needs none`);
    }
  }
  return PATH;
}
