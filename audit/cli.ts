import { spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import * as path from "node:path";
import {
  CommandOutput,
  EXIT_ERROR,
  EXIT_OK,
  OutputFormat,
  outputFormat,
  parseCommandLine,
  processOutput,
  refusalText,
  runCommand,
  UsageError,
} from "../common/command";
import { AculabClient, ListedNumbers } from "../provider/client";
import { secretScrubber } from "../provider/client/errorBody";
import {
  clientOptionsOf,
  providerConfigKeys,
  resolveProviderConfig,
} from "../provider/resources/config";
import { nameFromUrn } from "../report/resources";
import { adoptionCode, importFile, importNames } from "./adopt";
import { compareAccount, ExportInputError, hasDrift, Holding, holdingsFromExport } from "./compare";
import { renderJson, renderMarkdown } from "./format";

export const USAGE = `Usage: aculab-audit --state export.json [--state other.json ...] [--stack NAME ...] [options]

Lists the Aculab account once (tel_list_numbers) and compares it with the numbers our resources
record in the given stacks: numbers the account pays for that no stack manages (unmanaged), numbers
a stack holds that the account no longer owns (missing), numbers held by more than one resource
(shared) and development numbers. Read-only: it never buys or releases a number.

Options:
  --state <file>          a \`pulumi stack export\` file; repeatable
  --stack <name>          runs \`pulumi stack export --stack <name>\` in the current project; repeatable
  --format <format>       markdown (default) or json
  --fail-on-drift         exit with code 2 when any number is unmanaged, missing or shared
  --import-file <file>    write a \`pulumi import --file\` file for the unmanaged numbers, and
                          print the TypeScript that adopts them in a dynamic-resource program
  -h, --help              show this help

Credentials and endpoint: ACULAB_CLOUD_ID, ACULAB_USERNAME, ACULAB_API_KEY, ACULAB_ENDPOINT.
Exit codes: 0 printed; 1 bad input or an Aculab error; 2 drift with --fail-on-drift.
`;

export { EXIT_ERROR, EXIT_OK };
export const EXIT_DRIFT = 2;

export interface PulumiRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The outside world of the command, so that tests can run it in-process. */
export interface AuditIo extends CommandOutput {
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Runs the `pulumi` CLI with these arguments in `cwd`. */
  runPulumi(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<PulumiRun>;
}

interface Options {
  /** Every export in the order given, as the report names them. */
  sources: { kind: "state" | "stack"; value: string }[];
  format: OutputFormat;
  failOnDrift: boolean;
  importFile?: string;
  help: boolean;
}

class InputError extends Error {}

function readOptions(argv: string[]): Options {
  const { values, tokens } = parseCommandLine(
    argv,
    {
      state: { type: "string", multiple: true },
      stack: { type: "string", multiple: true },
      format: { type: "string" },
      "fail-on-drift": { type: "boolean" },
      "import-file": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    { refuseEmptyValues: true },
  );
  const format = outputFormat(values.format);
  const sources: Options["sources"] = [];
  for (const token of tokens) {
    if (token.kind === "option" && (token.name === "state" || token.name === "stack")) {
      sources.push({ kind: token.name, value: token.value! });
    }
  }
  const help = values.help ?? false;
  if (!help && sources.length === 0) {
    throw new UsageError(
      "give at least one --state or --stack: the stacks whose numbers to compare with the account " +
        "(for an account no stack manages yet, pass the export of a new, empty stack)",
    );
  }
  return {
    sources,
    format,
    failOnDrift: values["fail-on-drift"] ?? false,
    importFile: values["import-file"],
    help,
  };
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ExportInputError(`${source} is not JSON: ${(error as Error).message}`);
  }
}

async function readState(file: string, io: AuditIo): Promise<Holding[]> {
  let text: string;
  try {
    text = await readFile(path.resolve(io.cwd, file), "utf8");
  } catch (error) {
    throw new InputError(
      `cannot read --state ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
  return holdingsFromExport(parseJson(text, `--state ${file}`), `--state ${file}`);
}

async function exportStack(stack: string, io: AuditIo): Promise<Holding[]> {
  const source = `--stack ${stack}`;
  let run: PulumiRun;
  try {
    run = await io.runPulumi(["stack", "export", "--stack", stack], io.cwd, io.env);
  } catch (error) {
    throw new InputError(
      `${source}: cannot run \`pulumi stack export\`: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` +
        " (is the pulumi CLI on PATH?)",
    );
  }
  if (run.code !== 0) {
    throw new InputError(
      `${source}: \`pulumi stack export --stack ${stack}\` failed (exit ${run.code}): ${run.stderr.trim()}`,
    );
  }
  return holdingsFromExport(parseJson(run.stdout, source), source);
}

/** The account's connection from the ACULAB_* variables, read as the provider reads them. */
function clientFromEnv(env: NodeJS.ProcessEnv): AculabClient {
  const required = [
    providerConfigKeys.cloudId,
    providerConfigKeys.username,
    providerConfigKeys.apiKey,
  ];
  const missing = required.filter((key) => !env[key.env]).map((key) => key.env);
  if (missing.length > 0) {
    throw new InputError(
      `Aculab is not configured: set ${missing.join(", ")} (and ACULAB_ENDPOINT for another endpoint than ws-<cloud id>.aculabcloud.net)`,
    );
  }
  // Only the environment: the audit runs outside any stack, so there is no stack config to read.
  const config = resolveProviderConfig(() => undefined, env);
  try {
    return new AculabClient(clientOptionsOf(config));
  } catch (error) {
    throw new InputError((error as Error).message);
  }
}

const sourceName = (source: Options["sources"][number]) => `--${source.kind} ${source.value}`;

/** Runs the command; returns its exit code. */
export async function main(argv: string[], io: AuditIo): Promise<number> {
  // Whatever happens, the key never reaches the output: every line passes through this.
  const apiKey = io.env[providerConfigKeys.apiKey.env] ?? "";
  const basicUser = `${io.env[providerConfigKeys.cloudId.env] ?? ""}/${io.env[providerConfigKeys.username.env] ?? ""}`;
  const scrub = apiKey === "" ? (text: string) => text : secretScrubber(apiKey, basicUser);
  const out = (text: string) => io.writeStdout(scrub(text));
  const err = (text: string) => io.writeStderr(scrub(text));
  try {
    const options = readOptions(argv);
    if (options.help) {
      out(USAGE);
      return EXIT_OK;
    }
    // Every input is read before Aculab is asked anything.
    const holdings: Holding[] = [];
    for (const source of options.sources) {
      holdings.push(
        ...(source.kind === "state"
          ? await readState(source.value, io)
          : await exportStack(source.value, io)),
      );
    }
    const client = clientFromEnv(io.env);
    const listing: ListedNumbers = await client.listNumbers({});
    const result = compareAccount(listing, holdings);
    const scope = {
      accountNumbers: Object.keys(listing).length,
      sources: options.sources.map(sourceName),
    };

    let adoption: { importFile: string; code: string } | undefined;
    if (options.importFile !== undefined) {
      const names = importNames(
        result.unmanaged,
        holdings.map((holding) => nameFromUrn(holding.urn)),
      );
      const file = importFile(result.unmanaged, names);
      try {
        await writeFile(
          path.resolve(io.cwd, options.importFile),
          `${JSON.stringify(file, null, 2)}\n`,
        );
      } catch (error) {
        throw new InputError(
          `cannot write --import-file ${options.importFile}: ${(error as NodeJS.ErrnoException).code ?? error}`,
        );
      }
      adoption = { importFile: options.importFile, code: adoptionCode(result.unmanaged, names) };
      err(
        `aculab-audit: wrote ${file.resources.length} resource(s) to ${options.importFile}; ` +
          `run \`pulumi import --file ${options.importFile}\` in a project that uses the aculab plugin\n`,
      );
      // JSON output stays exactly the audit; the adoption code goes beside it.
      if (options.format === "json" && result.unmanaged.length > 0) {
        err(
          `aculab-audit: in a TypeScript program with the dynamic resources, add:\n${adoption.code}`,
        );
      }
    }

    out(options.format === "json" ? renderJson(result) : renderMarkdown(result, scope, adoption));
    if (options.failOnDrift && hasDrift(result)) {
      err(
        `aculab-audit: drift: ${result.unmanaged.length} unmanaged, ${result.missing.length} missing, ` +
          `${result.shared.length} shared; failing because of --fail-on-drift\n`,
      );
      return EXIT_DRIFT;
    }
    return EXIT_OK;
  } catch (error) {
    // Usage, unreadable exports, settings (resolveProviderConfig names the setting and never
    // echoes its value) and Aculab's refusals (service, HTTP status, Aculab's code and text).
    err(refusalText("aculab-audit", error, USAGE));
    return EXIT_ERROR;
  }
}

/** `pulumi` from PATH, as a user's shell would run it. */
export function runPulumi(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<PulumiRun> {
  return new Promise((resolve, reject) => {
    const child = spawn("pulumi", args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

export const processIo = (): AuditIo => ({
  ...processOutput,
  env: process.env,
  cwd: process.cwd(),
  runPulumi,
});

/** Entry point of bin/aculab-audit.js. */
export function run(): void {
  runCommand("aculab-audit", (argv) => main(argv, processIo()));
}
