// `aculab-simulator`: runs the simulator as a standalone server for demos and users' CI.

import { EXIT_ERROR, parseCommandLine, UsageError } from "../common/command";
import { DEFAULT_CLOUD_ID, DEFAULT_USERNAME, DEVELOPMENT_API_KEY, startSimulator } from "./server";
import type { FaultSettings, FaultStatus, RunningSimulator, SimulatorOptions } from "./types";

export const DEFAULT_PORT = 8080;

export const USAGE = `Usage: aculab-simulator [options]

A local Aculab Cloud (tel_* number services) for tests, demos and CI.

  --port <n>                 port to listen on (default ${DEFAULT_PORT}; 0 = any free port)
  --host <addr>              address to bind (default 127.0.0.1)
  --state <file>             persist the account here (loaded at start, written atomically)
  --cloud-id <id>            accepted cloud id (env ACULAB_CLOUD_ID, default ${DEFAULT_CLOUD_ID})
  --username <name>          accepted username (env ACULAB_USERNAME, default ${DEFAULT_USERNAME})
  --api-key <key>            accepted API key (env ACULAB_API_KEY, default: development key)
  --stock <n>                numbers in stock per region (default 50)
  --listing-delay <ms>       a bought number shows in tel_list_numbers only after this delay
  --latency <ms>             added to every answer
  --error-rate <[service:]status=rate>
                             inject 429, 500 or 503 at this rate (0..1) before the request has
                             any effect; repeatable; no service = every service
  --drop-after-purchase <rate>  tel_purchase commits, then the socket is dropped unanswered
  --fail-after-commit <rate>    tel_purchase commits, then answers 500
  --seed <n>                 seed of the fault PRNG (default 1), for repeatable runs
  --help                     show this help
`;

/** The exit code of a refused command line. */
export const EXIT_USAGE = 2;

export type CliCommand = { help: true } | { help: false; options: SimulatorOptions };

const VALUE_FLAGS = [
  "port",
  "host",
  "state",
  "cloud-id",
  "username",
  "api-key",
  "stock",
  "listing-delay",
  "latency",
  "error-rate",
  "drop-after-purchase",
  "fail-after-commit",
  "seed",
] as const;
type ValueFlag = (typeof VALUE_FLAGS)[number];

/** Every flag collects its values: --error-rate repeats, the others are refused when given twice. */
const OPTIONS = {
  ...(Object.fromEntries(
    VALUE_FLAGS.map((flag) => [flag, { type: "string", multiple: true }]),
  ) as Record<ValueFlag, { type: "string"; multiple: true }>),
  help: { type: "boolean", short: "h" },
} as const;

export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv): CliCommand {
  // --help wins over whatever follows it.
  const helpAt = argv.findIndex((arg) => arg === "--help" || arg === "-h");
  const { values } = parseCommandLine(helpAt < 0 ? argv : argv.slice(0, helpAt), OPTIONS, {
    unknownArgument: (arg) => `Unknown argument '${arg}'`,
  });
  if (helpAt >= 0) return { help: true };
  const single = new Map<ValueFlag, string>();
  for (const flag of VALUE_FLAGS) {
    const given = values[flag];
    if (given === undefined || flag === "error-rate") continue;
    if (given.length > 1) throw new UsageError(`--${flag} given more than once`);
    single.set(flag, given[0]);
  }
  const errorRates = values["error-rate"] ?? [];

  const num = (flag: ValueFlag, check: (n: number) => boolean, what: string) => {
    const text = single.get(flag);
    if (text === undefined) return undefined;
    const n = Number(text);
    if (text.trim() === "" || !check(n)) throw new UsageError(`--${flag} must be ${what}`);
    return n;
  };
  const whole = (n: number) => Number.isInteger(n) && n >= 0;
  const millis = (n: number) => Number.isFinite(n) && n >= 0;
  const rate = (n: number) => n >= 0 && n <= 1;

  const faults: FaultSettings = {};
  const latency = num("latency", millis, "a non-negative number of milliseconds");
  if (latency !== undefined) faults.latencyMs = latency;
  const drop = num("drop-after-purchase", rate, "a rate between 0 and 1");
  if (drop !== undefined) faults.dropAfterPurchase = drop;
  const fail = num("fail-after-commit", rate, "a rate between 0 and 1");
  if (fail !== undefined) faults.failAfterCommit = fail;
  for (const spec of errorRates) {
    const r = /^(?:([a-z_]+|\*):)?(429|500|503)=([0-9.]+)$/.exec(spec);
    const value = r ? Number(r[3]) : NaN;
    if (!r || !rate(value)) {
      throw new UsageError(
        `--error-rate '${spec}' must look like [service:]status=rate, status 429, 500 or 503, rate 0..1`,
      );
    }
    const byService = (faults.errorRates ??= {});
    (byService[r[1] ?? "*"] ??= {})[Number(r[2]) as FaultStatus] = value;
  }

  const options: SimulatorOptions = {
    port: num("port", (n) => whole(n) && n <= 65535, "a port number") ?? DEFAULT_PORT,
    host: single.get("host"),
    statePath: single.get("state"),
    cloudId: single.get("cloud-id") ?? env.ACULAB_CLOUD_ID,
    username: single.get("username") ?? env.ACULAB_USERNAME,
    apiKey: single.get("api-key") ?? env.ACULAB_API_KEY,
    stockPerRegion: num("stock", whole, "a non-negative whole number"),
    listingDelayMs: num("listing-delay", millis, "a non-negative number of milliseconds"),
    seed: num("seed", Number.isInteger, "a whole number"),
    faults,
  };
  return { help: false, options };
}

/** A key someone chose is a secret; only the simulator's own development key is shown whole. */
export function describeKey(key: string): string {
  if (key === DEVELOPMENT_API_KEY) return `${key} (the simulator's development key)`;
  return key.length >= 16 ? `********${key.slice(-4)}` : "********";
}

export interface CliIo {
  env: NodeJS.ProcessEnv;
  out(line: string): void;
  err(line: string): void;
  onShutdownSignal(handler: () => void): void;
  setExitCode(code: number): void;
}

const processIo: CliIo = {
  env: process.env,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  onShutdownSignal: (handler) => {
    process.once("SIGINT", handler);
    process.once("SIGTERM", handler);
  },
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

/** Resolves to the running simulator (undefined after --help or a usage error). */
export async function main(
  argv: readonly string[] = process.argv.slice(2),
  io: CliIo = processIo,
): Promise<RunningSimulator | undefined> {
  let command: CliCommand;
  try {
    command = parseArgs(argv, io.env);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`aculab-simulator: ${e.message}\n\n${USAGE}`);
    io.setExitCode(EXIT_USAGE);
    return undefined;
  }
  if (command.help) {
    io.out(USAGE);
    return undefined;
  }
  let sim: RunningSimulator;
  try {
    sim = await startSimulator(command.options);
  } catch (e) {
    io.err(`aculab-simulator: cannot start: ${messageOf(e)}`);
    io.setExitCode(EXIT_ERROR);
    return undefined;
  }
  const { cloudId, username, apiKey } = sim.credentials;
  io.out(`Aculab Cloud simulator listening on ${sim.url}`);
  io.out(`  user:     ${cloudId}/${username}`);
  io.out(`  password: ${describeKey(apiKey)}`);
  io.out(`  state:    ${command.options.statePath ?? "in memory (lost on exit)"}`);
  io.onShutdownSignal(() => {
    sim.stop().then(
      () => io.out("Aculab Cloud simulator stopped"),
      (e: unknown) => {
        io.err(`aculab-simulator: error while stopping: ${messageOf(e)}`);
        io.setExitCode(EXIT_ERROR);
      },
    );
  });
  return sim;
}

/** Errors from node may come from another realm (jest's vm), so instanceof is no test. */
function messageOf(e: unknown): string {
  return typeof e === "object" && e !== null && "message" in e ? String(e.message) : String(e);
}
