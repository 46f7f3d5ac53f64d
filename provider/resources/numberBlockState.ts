import { inputNames, type ResourceOutputs } from "../model";
import type { OwnedNumber } from "./account";
import { describeResource, pickInputs } from "./common";
import type { UnconfirmedPurchase } from "./errors";
import type { NumberBlockInputs } from "./inputs";
import { Location, locationOf } from "./location";

/**
 * The inputs, the numbers (in the order bought; a shrink releases from the end) and their price.
 * `requestedQuantity` is the quantity the program asked for, when the block holds fewer (an
 * allowPartial block that came up short): `quantity` is always `numbers.length`, and diff compares
 * the program's quantity with this one, so a short block buys the rest only when the program
 * changes `quantity`. `development` is set when the numbers came from development mode: never
 * bought, so never looked up in the account nor released. The model declares them.
 */
export type NumberBlockOutputs = ResourceOutputs<"NumberBlock">;

/**
 * What state holds for a block: its outputs, and while a purchase for it may have happened
 * without its numbers being known (a create's, or a growth's), that purchase. The block is then a
 * partially created resource holding only the numbers known to be its own; the next update
 * settles the purchase from the listing before anything else, so none is bought twice.
 */
export type NumberBlockState = NumberBlockOutputs & { unconfirmedPurchase?: UnconfirmedPurchase };

export const numberBlockInputProperties: readonly string[] = inputNames("NumberBlock");

export const holder = (name?: string) => describeResource("NumberBlock", name);

const cents = (amount: number) => Math.round(amount * 100) / 100;

/** What the program asked for last: `quantity` unless the block came up short of it. */
export const requestedOf = (outs: NumberBlockOutputs) => outs.requestedQuantity ?? outs.quantity;

export const sumOf = (bought: OwnedNumber[]) => bought.reduce((sum, n) => sum + n.monthlyPrice, 0);

/** The sentence an error adds about numbers no resource records, if any. */
export const unmanagedSuffix = (unmanaged?: string) =>
  unmanaged === undefined ? "" : ` ${unmanaged}`;

/**
 * The block's state: `quantity` always agrees with `numbers`; `requested` (what the program
 * asked for) is kept apart when it differs, so that diff and update can tell a short block from
 * a change of quantity. `source` is the program's inputs or the block's state: only the model's
 * inputs are taken from it, never what check notes among them (shrink.ts) or an earlier state's
 * outputs.
 */
export function blockOutputs(
  source: NumberBlockInputs,
  numbers: string[],
  monthlyPrice: number,
  development: boolean,
  requested?: number,
): NumberBlockOutputs {
  return {
    ...(pickInputs(source, numberBlockInputProperties) as NumberBlockInputs),
    didType: locationOf(source as Location).didType,
    numbers,
    quantity: numbers.length,
    monthlyPrice: cents(monthlyPrice),
    ...(requested !== undefined && requested !== numbers.length
      ? { requestedQuantity: requested }
      : {}),
    ...(development ? { development: true as const } : {}),
  };
}

/** A block's state while a purchase for it is unconfirmed: what it holds, and the purchase. */
export const unconfirmedBlock = (
  outs: NumberBlockOutputs,
  purchase: UnconfirmedPurchase,
): Record<string, unknown> => ({ ...outs, unconfirmedPurchase: purchase });
