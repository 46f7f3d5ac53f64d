// tel_list_numbers and tel_delete_numbers: the services that read and shrink what the
// account owns.

import { checkState, findCountry } from "./catalogue";
import { ErrorCode, malformed } from "./errors";
import { INVENTORY } from "./inventory";
import type { Params } from "./params";
import type { ServiceContext } from "./serviceContext";
import type { OwnedNumber } from "./types";

export function listNumbers(p: Params, ctx: ServiceContext): Record<string, OwnedNumber> {
  const country = p.optional("country");
  const state = p.optional("state");
  const didType = p.didType("did_type", undefined);
  if (country !== undefined) {
    checkState(findCountry(country), state);
  } else if (state !== undefined && !INVENTORY.some((c) => c.states?.includes(state))) {
    throw malformed(`State '${state}' is not supported in any country`);
  }
  // A region is only a filter: an unknown one simply matches nothing.
  return ctx.account.list({ country, state, region: p.optional("region"), didType });
}

export type DeleteResult =
  | { status: "OK" }
  | {
      status: "PARTIAL" | "FAIL";
      numbers: Record<string, { description: string; code: string }>;
    };

export function deleteNumbers(p: Params, ctx: ServiceContext): DeleteResult {
  const entries = p
    .required("numbers")
    .split(",")
    .map((n) => n.trim());
  for (const entry of entries) {
    if (!/^[0-9]+$/.test(entry)) {
      throw malformed(`'${entry}' in parameter 'numbers' is not a telephone number`);
    }
  }
  // A number listed twice is released once and not reported as foreign the second time.
  const { released, notOwned } = ctx.account.release([...new Set(entries)]);
  if (notOwned.length === 0) return { status: "OK" };
  const numbers: Record<string, { description: string; code: string }> = {};
  for (const n of notOwned) {
    numbers[n] = {
      description: `Telephone number ${n} does not belong to you`,
      code: ErrorCode.notYours,
    };
  }
  return { status: released.length > 0 ? "PARTIAL" : "FAIL", numbers };
}
