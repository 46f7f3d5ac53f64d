import { randomUUID } from "node:crypto";
import type { NumberAccount, OwnedNumber } from "./account";
import { purchaseSettingsOf } from "./common";
import {
  PurchaseShortfallError,
  recordingUnconfirmed,
  ResourcePartiallyCreatedError,
  UnconfirmedPurchase,
  UnmanagedNumbersError,
} from "./errors";
import type { NumberBlockInputs } from "./inputs";
import { Location, locationOf } from "./location";
import {
  blockOutputs,
  holder,
  NumberBlockOutputs,
  NumberBlockState,
  sumOf,
  unconfirmedBlock,
  unmanagedSuffix,
} from "./numberBlockState";

/**
 * The numbers bought for a block; `shortfall` when fewer than asked for, and `unmanaged` when the
 * purchase's answer held numbers no resource records, which the block's error must name.
 */
export interface BlockPurchase {
  bought: OwnedNumber[];
  shortfall?: PurchaseShortfallError;
  unmanaged?: string;
}

export async function buy(
  account: NumberAccount,
  inputs: NumberBlockInputs,
  quantity: number,
): Promise<BlockPurchase> {
  try {
    return {
      bought: await account.purchase({
        location: locationOf(inputs as Location),
        settings: purchaseSettingsOf(inputs),
        quantity,
        allowPartial: inputs.allowPartial === true,
      }),
    };
  } catch (error) {
    if (error instanceof PurchaseShortfallError)
      return { bought: error.bought, shortfall: error, unmanaged: error.unmanaged };
    if (error instanceof UnmanagedNumbersError)
      return { bought: error.bought, unmanaged: error.unmanaged };
    throw error;
  }
}

/**
 * Create's purchase: the block's id, and the numbers bought, claimed for it; a purchase whose
 * outcome is not known is recorded as the block's unconfirmed purchase.
 */
export async function buyBlock(
  account: NumberAccount,
  inputs: NumberBlockInputs,
  name?: string,
): Promise<BlockPurchase & { id: string; numbers: string[] }> {
  const id = randomUUID();
  let purchase: BlockPurchase;
  try {
    purchase = await buy(account, inputs, inputs.quantity);
  } catch (error) {
    throw recordingUnconfirmed(error, id, (unconfirmed) =>
      unconfirmedBlock(blockOutputs(inputs, [], 0, account.development), unconfirmed),
    );
  }
  const numbers = purchase.bought.map((n) => n.number);
  account.claim(numbers, holder(name), "bought");
  return { ...purchase, id, numbers };
}

/**
 * A created block that did not get all it asked for, or whose purchase sold numbers no resource
 * records: the error that says so, recording what it bought; undefined when nothing is amiss.
 */
export function createShortfall(
  account: NumberAccount,
  inputs: NumberBlockInputs,
  { id, numbers, bought, shortfall, unmanaged }: BlockPurchase & { id: string; numbers: string[] },
): Error | undefined {
  if (shortfall && bought.length > 0) {
    return new ResourcePartiallyCreatedError(
      `${shortfall.message}; the ${bought.length} bought (${numbers.join(", ")}) are recorded in state. ` +
        `Lower quantity or set allowPartial: true to keep them, or run \`pulumi up\` again to try for the rest.` +
        unmanagedSuffix(unmanaged),
      id,
      blockOutputs(inputs, numbers, sumOf(bought), account.development),
      { cause: shortfall },
    );
  }
  if (shortfall) {
    return new Error(
      unmanaged === undefined
        ? `${shortfall.message}: no number was bought`
        : `${shortfall.message}: none is recorded in state.${unmanagedSuffix(unmanaged)}`,
      { cause: shortfall },
    );
  }
  return undefined;
}

/**
 * Settles the unconfirmed purchase `state` records: the numbers it bought join the block, and
 * none when a listing proves nothing was bought (then the update buys what is still missing).
 * Still not known: the block keeps the numbers it holds and records the purchase again, with the
 * program's inputs `news`, as every partial failure of an update does.
 */
export async function settleUnconfirmed(
  account: NumberAccount,
  id: string,
  state: NumberBlockState,
  purchase: UnconfirmedPurchase,
  news: NumberBlockInputs,
  name?: string,
): Promise<NumberBlockOutputs> {
  const development = state.development === true;
  let bought: OwnedNumber[];
  try {
    bought = await account.confirmPurchase(locationOf(state), purchase);
  } catch (error) {
    throw recordingUnconfirmed(error, id, (again) =>
      unconfirmedBlock(blockOutputs(news, state.numbers, state.monthlyPrice, development), again),
    );
  }
  const numbers = [...state.numbers, ...bought.map((n) => n.number)];
  account.claim(numbers, holder(name), "bought");
  // No requestedQuantity: the block is short because of the purchase, not of allowPartial, so the
  // update compares the program's quantity with the numbers it holds.
  return blockOutputs(state, numbers, state.monthlyPrice + sumOf(bought), development);
}
