import { readFile } from "node:fs/promises";
import { renderJson } from "./json";
import { renderMarkdown } from "./markdown";
import { parsePreview, PreviewDocument, PreviewInputError } from "./parse";
import { mayRelease, planFromPreview, releasedCount } from "./plan";
import { parsePriceTable, PriceSource, PriceTableError } from "./prices";

export const USAGE = `Usage: pulumi preview --json | aculab-preview-report [options]
       aculab-preview-report --input preview.json [options]

Summarises the Aculab numbers a Pulumi preview buys and releases.

Options:
  --input <file>       read the preview JSON from a file instead of stdin
  --format <format>    markdown (default, for a pull-request comment) or json
  --prices <file>      price table (JSON); default: stack config aculab:prices
  --fail-on-release    exit with code 2 when any number would be released
  -h, --help           show this help
`;

/** The outside world of the command, so that tests can run it in-process. */
export interface CliIo {
  readStdin(): Promise<string>;
  writeStdout(text: string): void;
  writeStderr(text: string): void;
}

export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_RELEASE = 2;

interface Options {
  input?: string;
  format: "markdown" | "json";
  prices?: string;
  failOnRelease: boolean;
  help: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Options {
  const options: Options = { format: "markdown", failOnRelease: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inlineValue] = argv[i].startsWith("--") ? argv[i].split(/=(.*)/s, 2) : [argv[i]];
    const value = () => {
      const next = inlineValue ?? argv[++i];
      if (next === undefined || next === "") throw new UsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case "--input":
        options.input = value();
        break;
      case "--prices":
        options.prices = value();
        break;
      case "--format": {
        const format = value();
        if (format !== "markdown" && format !== "json") {
          throw new UsageError(`--format must be markdown or json, not ${format}`);
        }
        options.format = format;
        break;
      }
      case "--fail-on-release":
        options.failOnRelease = true;
        break;
      case "-h":
      case "--help":
        options.help = true;
        break;
      default:
        throw new UsageError(`unknown argument ${argv[i]}`);
    }
  }
  return options;
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new UsageError(
      `cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
}

/** `--prices` wins over the stack config, which preview JSON carries as a JSON string. */
async function priceSource(
  options: Options,
  preview: PreviewDocument,
): Promise<PriceSource | undefined> {
  if (options.prices) {
    const description = `\`--prices ${options.prices}\``;
    const text = await readText(options.prices, "price table");
    return { table: parsePriceTable(text, description), description };
  }
  const configured = preview.config?.["aculab:prices"];
  // A secret config value reaches preview JSON blinded; there is nothing to read.
  if (configured === undefined || configured === "[secret]") return undefined;
  const description = "stack config `aculab:prices`";
  return { table: parsePriceTable(configured, description), description };
}

/** Runs the command; returns its exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    const options = parseArgs(argv);
    if (options.help) {
      io.writeStdout(USAGE);
      return EXIT_OK;
    }
    const text = options.input ? await readText(options.input, "input") : await io.readStdin();
    const preview = parsePreview(text);
    const prices = await priceSource(options, preview);
    const plan = planFromPreview(preview, prices?.table);
    io.writeStdout(
      options.format === "json" ? renderJson(plan) : renderMarkdown(plan, prices?.description),
    );
    if (options.failOnRelease && mayRelease(plan)) {
      const count = releasedCount(plan);
      io.writeStderr(
        `aculab-preview-report: ${count === undefined ? "numbers may be" : `${count} number(s) would be`} ` +
          "released; failing because of --fail-on-release\n",
      );
      return EXIT_RELEASE;
    }
    return EXIT_OK;
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof PreviewInputError ||
      error instanceof PriceTableError
    ) {
      io.writeStderr(`aculab-preview-report: ${error.message}\n`);
      if (error instanceof UsageError) io.writeStderr(USAGE);
      return EXIT_ERROR;
    }
    throw error;
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}

export const processIo: CliIo = {
  // Waiting on a terminal would look like a hang: with nothing piped in there is no input.
  readStdin: () => (process.stdin.isTTY ? Promise.resolve("") : readAll(process.stdin)),
  writeStdout: (text) => process.stdout.write(text),
  writeStderr: (text) => process.stderr.write(text),
};

/** Entry point of bin/aculab-preview-report.js. */
export function run(): void {
  main(process.argv.slice(2), processIo).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `aculab-preview-report: ${error instanceof Error ? error.stack : error}\n`,
      );
      process.exitCode = EXIT_ERROR;
    },
  );
}
