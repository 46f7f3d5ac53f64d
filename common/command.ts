// What the commands we ship (aculab-audit, aculab-preview-report, aculab-simulator) share: their
// command line read by node:util parseArgs and refused in our words, their exit codes and output.

import { parseArgs, type ParseArgsOptionsConfig } from "node:util";
import { errorMessage } from "./errorMessage";

export const EXIT_OK = 0;
/** Bad input, or a failure the command reports; each command gives 2 its own meaning. */
export const EXIT_ERROR = 1;

/** A mistake in the command line: the command names it and shows its usage. */
export class UsageError extends Error {}

export interface CommandLineWords {
  /** How a refusal names an argument the command does not know; `unknown argument X` if not given. */
  unknownArgument?(argument: string): string;
  /** Refuses `--x=` and `--x ""` as a missing value; otherwise an empty value is a value. */
  refuseEmptyValues?: boolean;
}

/**
 * The command line read by parseArgs (no positionals), every refusal a UsageError in our words.
 * An option that takes a value takes the next argument whatever it looks like (`--stock -1`), as
 * the commands always have; parseArgs alone would refuse it as ambiguous. The tokens come in the
 * order given (their `index` counts `--name value` as one argument).
 */
export function parseCommandLine<O extends ParseArgsOptionsConfig>(
  argv: readonly string[],
  options: O,
  words: CommandLineWords = {},
) {
  const args = withJoinedValues(argv, options);
  const unknown = (argument: string) =>
    new UsageError(words.unknownArgument?.(argument) ?? `unknown argument ${argument}`);
  let parsed;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: false, tokens: true });
  } catch (error) {
    throw refusal(error, args, options, unknown);
  }
  for (const token of parsed.tokens) {
    if (token.kind === "option-terminator") throw unknown(args[token.index]);
    if (words.refuseEmptyValues && token.kind === "option" && token.value === "") {
      throw new UsageError(`${token.rawName} needs a value`);
    }
  }
  return parsed;
}

/** `--name value` as `--name=value` for every option that takes a value. */
function withJoinedValues(argv: readonly string[], options: ParseArgsOptionsConfig): string[] {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = /^--([^=]+)$/.exec(argv[i])?.[1];
    const takesValue = name !== undefined && options[name]?.type === "string";
    args.push(takesValue && i + 1 < argv.length ? `${argv[i]}=${argv[++i]}` : argv[i]);
  }
  return args;
}

/** parseArgs' refusal (ERR_PARSE_ARGS_*) in our words, naming the argument as it was typed. */
function refusal(
  error: unknown,
  args: string[],
  options: ParseArgsOptionsConfig,
  unknown: (argument: string) => UsageError,
): unknown {
  const code = (error as { code?: unknown }).code;
  // Read again without refusing anything, to find the argument parseArgs refused.
  const { tokens } = parseArgs({
    args,
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const known = (name: string) => Object.hasOwn(options, name);
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" || code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    const culprit = tokens.find((token) => token.kind !== "option" || !known(token.name));
    if (culprit) return unknown(args[culprit.index]);
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    for (const token of tokens) {
      if (token.kind !== "option" || !known(token.name)) continue;
      const takesValue = options[token.name].type === "string";
      if (takesValue && token.value === undefined)
        return new UsageError(`${token.rawName} needs a value`);
      if (!takesValue && token.value !== undefined)
        return new UsageError(`${token.rawName} takes no value`);
    }
  }
  return error;
}

/** `--format`: markdown (the default, for people and pull requests) or json (for programs). */
export type OutputFormat = "markdown" | "json";

export function outputFormat(given: string | undefined): OutputFormat {
  const format = given ?? "markdown";
  if (format !== "markdown" && format !== "json") {
    throw new UsageError(`--format must be markdown or json, not ${format}`);
  }
  return format;
}

/** Where a command writes: stdout for its result, stderr for what went wrong. */
export interface CommandOutput {
  writeStdout(text: string): void;
  writeStderr(text: string): void;
}

export const processOutput: CommandOutput = {
  writeStdout: (text) => process.stdout.write(text),
  writeStderr: (text) => process.stderr.write(text),
};

/** `command: what went wrong`, followed by the usage when the command line was at fault. */
export function refusalText(command: string, error: unknown, usage: string): string {
  return `${command}: ${errorMessage(error)}\n${error instanceof UsageError ? usage : ""}`;
}

/** Entry point of a bin: runs the command on the process's arguments and exits with its code. */
export function runCommand(command: string, main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${command}: ${error instanceof Error ? error.stack : error}\n`);
      process.exitCode = EXIT_ERROR;
    },
  );
}
