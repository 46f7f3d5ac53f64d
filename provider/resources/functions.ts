import { z } from "zod";
import {
  functionArgsSchema,
  type FunctionArgs,
  type FunctionName,
  type FunctionResult,
} from "../model";
import { zodMessages } from "../zodMessages";
import { NumberAccount } from "./account";

export type { FunctionArgs, FunctionName, FunctionResult } from "../model";

/**
 * The data functions, shared by the program-side functions of the dynamic door and the native
 * plugin's Invoke. Each answers an object, as Pulumi functions do, so both doors answer alike.
 */
/**
 * Unknown arguments are refused (a misspelt filter would silently list everything), and so are
 * empty strings: Aculab would answer for a missing parameter, far from the argument that caused it.
 */
function checkedArgs<T extends z.ZodRawShape>(schema: z.ZodObject<T>) {
  const accepted = Object.keys(schema.shape);
  const unknownArguments = `this function takes ${accepted.length ? accepted.join(", ") : "no arguments"}`;
  return z
    .strictObject(schema.shape, {
      error: (issue) => (issue.code === "unrecognized_keys" ? unknownArguments : undefined),
    })
    .superRefine((args, context) => {
      for (const [argument, value] of Object.entries(args as Record<string, unknown>)) {
        if (value === "") {
          context.addIssue({
            code: "custom",
            path: [argument],
            message: "must not be empty: give a value (optional arguments may be left out)",
          });
        }
      }
    });
}

/** The arguments each function takes, as the model declares them. */
export const functionArgsSchemas = {
  getSupportedCountries: checkedArgs(functionArgsSchema("getSupportedCountries")),
  getSupportedStates: checkedArgs(functionArgsSchema("getSupportedStates")),
  getSupportedRegions: checkedArgs(functionArgsSchema("getSupportedRegions")),
  listRegulationAddresses: checkedArgs(functionArgsSchema("listRegulationAddresses")),
  listNumbers: checkedArgs(functionArgsSchema("listNumbers")),
} satisfies { [F in FunctionName]: z.ZodType };

/** Arguments checked like resource inputs: the failure names the argument and the fix. */
export function parseFunctionArgs<F extends FunctionName>(name: F, args: unknown): FunctionArgs<F> {
  const parsed = functionArgsSchemas[name].safeParse(args ?? {}, { error: zodMessages });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const argument =
        issue.path.join(".") ||
        (issue.code === "unrecognized_keys" ? issue.keys.join(", ") : "arguments");
      return `${argument}: ${issue.message}`;
    });
    throw new Error(`${name}: invalid arguments: ${problems.join("; ")}`);
  }
  return parsed.data as FunctionArgs<F>;
}

type DataFunctions = {
  [F in FunctionName]: (
    account: NumberAccount,
    args: FunctionArgs<F>,
  ) => Promise<FunctionResult<F>>;
};

export const dataFunctions: DataFunctions = {
  async getSupportedCountries(account: NumberAccount, args: FunctionArgs<"getSupportedCountries">) {
    return {
      countries: await account.client.getSupportedCountries(
        parseFunctionArgs("getSupportedCountries", args),
      ),
    };
  },
  async getSupportedStates(account: NumberAccount, args: FunctionArgs<"getSupportedStates">) {
    return {
      states: await account.client.getSupportedStates(
        parseFunctionArgs("getSupportedStates", args),
      ),
    };
  },
  async getSupportedRegions(account: NumberAccount, args: FunctionArgs<"getSupportedRegions">) {
    return {
      regions: await account.client.getSupportedRegions(
        parseFunctionArgs("getSupportedRegions", args),
      ),
    };
  },
  async listRegulationAddresses(
    account: NumberAccount,
    args: FunctionArgs<"listRegulationAddresses"> = {},
  ) {
    parseFunctionArgs("listRegulationAddresses", args);
    return { addresses: await account.client.listRegulationAddresses() };
  },
  async listNumbers(account: NumberAccount, args: FunctionArgs<"listNumbers"> = {}) {
    const listed = await account.listNumbers(parseFunctionArgs("listNumbers", args), true);
    return { numbers: Object.values(listed).sort((a, b) => a.number.localeCompare(b.number)) };
  },
};
