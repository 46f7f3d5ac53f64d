import { z } from "zod";

/**
 * The texts of validation failures that no schema words itself: "Required", "Expected array,
 * received object", "Invalid enum value. Expected 'a' | 'b', received 'c'", as users of this
 * provider, the report and the policy pack have seen them (and tests assert them) since zod 3.
 * Zod 4 words its defaults differently ("Invalid input: expected string, received undefined"), so
 * every parse whose failure reaches a user passes this map: `schema.safeParse(value, { error:
 * zodMessages })`. A message a schema gives itself still wins (zod 4: the schema's error, then the
 * parse's, then the global one). It is passed per parse, never set with z.config(): that would
 * change the messages of every other zod user in the process, a user's Pulumi program among them.
 */
export const zodMessages: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "invalid_type":
      return invalidType(issue);
    case "invalid_value":
      return invalidValue(issue);
    case "unrecognized_keys":
      return `Unrecognized key(s) in object: ${joinValues(issue.keys, ", ")}`;
    case "too_small":
      return tooSmall(issue);
    case "too_big":
      return tooBig(issue);
    case "invalid_format":
      return invalidFormat(issue);
    case "not_multiple_of":
      return `Number must be a multiple of ${issue.divisor}`;
    default:
      // invalid_union, invalid_key, invalid_element, custom: zod 3 said "Invalid input" for each.
      return "Invalid input";
  }
};

/** Zod 3's name for the type of a value (its getParsedType). */
function parsedType(value: unknown): string {
  switch (typeof value) {
    case "number":
      return Number.isNaN(value) ? "nan" : "number";
    case "object":
      if (value === null) return "null";
      if (Array.isArray(value)) return "array";
      if (value instanceof Map) return "map";
      if (value instanceof Set) return "set";
      if (value instanceof Date) return "date";
      if (typeof (value as { then?: unknown }).then === "function") return "promise";
      return "object";
    default:
      return typeof value;
  }
}

/** Zod 3's list of values: strings quoted with single quotes. */
function joinValues(values: readonly unknown[], separator = " | "): string {
  return values.map((v) => (typeof v === "string" ? `'${v}'` : String(v))).join(separator);
}

function invalidType(issue: z.core.$ZodRawIssue<z.core.$ZodIssueInvalidType>): string {
  const input = issue.input;
  if (input === undefined) return "Required";
  // Zod 4 names records and tuples; zod 3 said object and array.
  const expected = ({ record: "object", tuple: "array" } as Record<string, string>)[issue.expected];
  if (issue.expected === "int" && typeof input === "number" && Number.isFinite(input))
    return "Expected integer, received float";
  // Zod 3 took Infinity as a number; zod 4 refuses it as the wrong type.
  if (
    (issue.expected === "number" || issue.expected === "int") &&
    (input === Infinity || input === -Infinity)
  )
    return "Number must be finite";
  return `Expected ${expected ?? issue.expected}, received ${parsedType(input)}`;
}

function invalidValue(issue: z.core.$ZodRawIssue<z.core.$ZodIssueInvalidValue>): string {
  const input = issue.input;
  if (issue.inst instanceof z.ZodLiteral) {
    const expected = issue.values.length === 1 ? issue.values[0] : issue.values;
    return `Invalid literal value, expected ${JSON.stringify(expected)}`;
  }
  // An enum: zod 3 told a value of the wrong type from a string that is not one of the values.
  if (input === undefined) return "Required";
  if (typeof input !== "string")
    return `Expected ${joinValues(issue.values)}, received ${parsedType(input)}`;
  return `Invalid enum value. Expected ${joinValues(issue.values)}, received '${String(input)}'`;
}

function tooSmall(issue: z.core.$ZodRawIssue<z.core.$ZodIssueTooSmall>): string {
  const { minimum, inclusive, exact } = issue;
  switch (issue.origin) {
    case "array":
    case "set":
      return `Array must contain ${exact ? "exactly" : inclusive ? "at least" : "more than"} ${minimum} element(s)`;
    case "string":
      return `String must contain ${exact ? "exactly" : inclusive ? "at least" : "over"} ${minimum} character(s)`;
    case "number":
    case "int":
    case "bigint":
      return `Number must be ${exact ? "exactly equal to " : inclusive ? "greater than or equal to " : "greater than "}${minimum}`;
    default:
      return "Invalid input";
  }
}

function tooBig(issue: z.core.$ZodRawIssue<z.core.$ZodIssueTooBig>): string {
  const { maximum, inclusive, exact } = issue;
  switch (issue.origin) {
    case "array":
    case "set":
      return `Array must contain ${exact ? "exactly" : inclusive ? "at most" : "less than"} ${maximum} element(s)`;
    case "string":
      return `String must contain ${exact ? "exactly" : inclusive ? "at most" : "under"} ${maximum} character(s)`;
    case "number":
    case "int":
    case "bigint":
      return `Number must be ${exact ? "exactly" : inclusive ? "less than or equal to" : "less than"} ${maximum}`;
    default:
      return "Invalid input";
  }
}

function invalidFormat(issue: z.core.$ZodRawIssue<z.core.$ZodIssueInvalidStringFormat>): string {
  const detail = issue as { prefix?: string; suffix?: string; includes?: string };
  switch (issue.format) {
    case "regex":
      return "Invalid";
    case "starts_with":
      return `Invalid input: must start with "${detail.prefix}"`;
    case "ends_with":
      return `Invalid input: must end with "${detail.suffix}"`;
    case "includes":
      return `Invalid input: must include "${detail.includes}"`;
    default:
      return `Invalid ${issue.format}`;
  }
}
