import { z } from "zod";
import { zodMessages } from "./zodMessages";

/** The first failure's message when `schema` parses `value` with the provider's messages. */
function messageOf(schema: z.ZodType, value: unknown): string | undefined {
  const parsed = schema.safeParse(value, { error: zodMessages });
  return parsed.success ? undefined : parsed.error.issues[0].message;
}

// Each expected text is what zod 3.25 said for the same schema and value.
describe("zodMessages words failures as zod 3 did", () => {
  it.each<[string, z.ZodType, unknown, string]>([
    ["a missing value", z.string(), undefined, "Required"],
    ["a value of another type", z.string(), 5, "Expected string, received number"],
    ["null", z.string(), null, "Expected string, received null"],
    ["NaN", z.number(), NaN, "Expected number, received nan"],
    ["a fraction for an integer", z.number().int(), 1.5, "Expected integer, received float"],
    ["an object for an array", z.array(z.string()), {}, "Expected array, received object"],
    [
      "an array for a record",
      z.record(z.string(), z.string()),
      [],
      "Expected object, received array",
    ],
    [
      "a value not in an enum",
      z.enum(["geographic", "national"]),
      "landline",
      "Invalid enum value. Expected 'geographic' | 'national', received 'landline'",
    ],
    [
      "a number for an enum",
      z.enum(["geographic", "national"]),
      5,
      "Expected 'geographic' | 'national', received number",
    ],
    ["a literal", z.literal("a"), "b", 'Invalid literal value, expected "a"'],
    [
      "a negative number",
      z.number().nonnegative(),
      -1,
      "Number must be greater than or equal to 0",
    ],
    ["zero for a positive number", z.number().positive(), 0, "Number must be greater than 0"],
    ["an empty string", z.string().min(1), "", "String must contain at least 1 character(s)"],
    ["a long string", z.string().max(2), "abc", "String must contain at most 2 character(s)"],
    ["a large number", z.number().max(2), 3, "Number must be less than or equal to 2"],
    ["an empty array", z.array(z.string()).min(1), [], "Array must contain at least 1 element(s)"],
    ["a pattern", z.string().regex(/^\d+$/), "x", "Invalid"],
    ["a prefix", z.string().startsWith("ab"), "x", 'Invalid input: must start with "ab"'],
    ["a multiple", z.number().multipleOf(3), 4, "Number must be a multiple of 3"],
    [
      "unknown keys",
      z.strictObject({ a: z.string() }),
      { a: "x", b: 1, c: 2 },
      "Unrecognized key(s) in object: 'b', 'c'",
    ],
    ["a union", z.union([z.string(), z.number()]), true, "Invalid input"],
    ["a refinement", z.string().refine((v) => v === "a"), "b", "Invalid input"],
  ])("%s", (_case, schema, value, expected) => {
    expect(messageOf(schema, value)).toBe(expected);
  });

  it("leaves a message the schema gives itself", () => {
    expect(messageOf(z.string().min(1, "name must not be empty"), "")).toBe(
      "name must not be empty",
    );
    expect(messageOf(z.string({ error: "name must be text" }), 5)).toBe("name must be text");
  });

  it("says what zod 4 refuses that zod 3 took: an infinite number, an unsafe integer", () => {
    expect(messageOf(z.number(), Infinity)).toBe("Number must be finite");
    expect(messageOf(z.number().int(), 2 ** 60)).toBe(
      `Number must be less than or equal to ${Number.MAX_SAFE_INTEGER}`,
    );
  });
});
