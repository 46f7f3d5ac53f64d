import { readFile } from "node:fs/promises";
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
export interface CliIo extends CommandOutput {
  readStdin(): Promise<string>;
}

export { EXIT_ERROR, EXIT_OK };
export const EXIT_RELEASE = 2;

interface Options {
  input?: string;
  format: OutputFormat;
  prices?: string;
  failOnRelease: boolean;
  help: boolean;
}

function readOptions(argv: string[]): Options {
  const { values } = parseCommandLine(
    argv,
    {
      input: { type: "string" },
      prices: { type: "string" },
      format: { type: "string" },
      "fail-on-release": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    { refuseEmptyValues: true },
  );
  return {
    input: values.input,
    format: outputFormat(values.format),
    prices: values.prices,
    failOnRelease: values["fail-on-release"] ?? false,
    help: values.help ?? false,
  };
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
    const options = readOptions(argv);
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
      io.writeStderr(refusalText("aculab-preview-report", error, USAGE));
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
  ...processOutput,
  // Waiting on a terminal would look like a hang: with nothing piped in there is no input.
  readStdin: () => (process.stdin.isTTY ? Promise.resolve("") : readAll(process.stdin)),
};

/** Entry point of bin/aculab-preview-report.js. */
export function run(): void {
  runCommand("aculab-preview-report", (argv) => main(argv, processIo));
}
