import { randomUUID } from "node:crypto";
import { errorMessage } from "../../common/errorMessage";
import type { ListedNumber } from "../client";
import type { NumberAccount } from "./account";
import { purchaseSettingsOf } from "./common";
import {
  PurchaseShortfallError,
  recordingUnconfirmed,
  ResourcePartiallyCreatedError,
  UnconfirmedPurchaseError,
  UnmanagedNumbersError,
} from "./errors";
import { findListed } from "./inboundNumberAdoption";
import {
  holder,
  InboundNumberOutputs,
  outputsOf,
  UNCONFIRMED_ID_PREFIX,
  UnconfirmedInboundNumber,
  unconfirmedState,
} from "./inboundNumberState";
import type { InboundNumberInputs } from "./inputs";
import { Location, locationOf } from "./location";

/** What state records for a number bought: the resource's id and outputs. */
type Recorded = (owned: ListedNumber) => { id: string; outs: InboundNumberOutputs };

/** Why a purchase of one number came up short, in the words a resource's error uses. */
function shortfallError(error: PurchaseShortfallError): Error {
  return new Error(
    error.unmanaged === undefined
      ? `${error.message}: no number was bought; try another region, or later`
      : `${error.message}: none is recorded in state. ${error.unmanaged}`,
    { cause: error },
  );
}

/**
 * Buys one number, or records that the purchase's outcome is not known: a partially created
 * resource whose state lets the next operation find the number instead of buying again. A number
 * bought whose purchase's answer also held numbers no resource records is recorded the same way,
 * as `recorded` says (its id and outputs), with the error that names those numbers.
 */
async function buyOne(
  account: NumberAccount,
  inputs: InboundNumberInputs,
  location: Location,
  id: () => string,
  recorded: Recorded,
): Promise<ListedNumber> {
  try {
    const settings = purchaseSettingsOf(inputs);
    const [owned] = await account.purchase({
      location,
      settings,
      quantity: 1,
      allowPartial: false,
    });
    return owned;
  } catch (error) {
    if (error instanceof PurchaseShortfallError) throw shortfallError(error);
    if (error instanceof UnmanagedNumbersError) {
      const [owned] = error.bought;
      const record = recorded(owned);
      throw new ResourcePartiallyCreatedError(
        `Number ${owned.number} was bought for this resource and is recorded in state. ${error.message}`,
        record.id,
        record.outs,
        { cause: error },
      );
    }
    throw recordingUnconfirmed(error, id(), (purchase) =>
      unconfirmedState(inputs, location, purchase),
    );
  }
}

/** A number bought is the resource's as soon as the account says so: claimed for it. */
const claiming = (account: NumberAccount, name?: string) => (bought: ListedNumber) => {
  account.claim([bought.number], holder(name), "bought");
  return bought;
};

/** Create's purchase: one number, claimed for the resource, its id its number. */
export async function buyNumber(
  account: NumberAccount,
  inputs: InboundNumberInputs,
  location: Location,
  name?: string,
): Promise<ListedNumber> {
  const claimed = claiming(account, name);
  return claimed(
    await buyOne(
      account,
      inputs,
      location,
      () => `${UNCONFIRMED_ID_PREFIX}${randomUUID()}`,
      (bought) => ({
        id: bought.number,
        outs: outputsOf(inputs, claimed(bought), account.development),
      }),
    ),
  );
}

/**
 * The update of a resource whose purchase was left unconfirmed: find its number at the location
 * (or buy, once a listing proves nothing was bought), or record the purchase as unconfirmed again.
 */
export async function settleUnconfirmed(
  account: NumberAccount,
  id: string,
  olds: UnconfirmedInboundNumber,
  news: InboundNumberInputs,
  name?: string,
): Promise<InboundNumberOutputs> {
  const location = locationOf(olds as Location);
  if (news.number !== undefined)
    return settleByAdoption(account, id, olds, news, news.number, name);
  let owned: ListedNumber | undefined;
  try {
    [owned] = await account.confirmPurchase(location, olds.unconfirmedPurchase);
  } catch (error) {
    throw recordingUnconfirmed(error, id, (purchase) => unconfirmedState(news, location, purchase));
  }
  const claimed = claiming(account, name);
  if (owned === undefined) {
    owned = await buyOne(
      account,
      news,
      location,
      () => id,
      (bought) => ({ id, outs: outputsOf(news, { ...claimed(bought), ...location }, false) }),
    );
  }
  claimed(owned);
  return outputsOf(news, { ...owned, ...location }, false);
}

/** The user named the number: adopted as a create would, whatever the purchase bought. */
async function settleByAdoption(
  account: NumberAccount,
  id: string,
  olds: UnconfirmedInboundNumber,
  news: InboundNumberInputs,
  number: string,
  name?: string,
): Promise<InboundNumberOutputs> {
  const location = locationOf(olds as Location);
  account.claim([number], holder(name));
  let owned: ListedNumber;
  try {
    owned = await findListed(account, number, location);
  } catch (error) {
    account.unclaim([number], holder(name));
    throw recordingUnconfirmed(
      new UnconfirmedPurchaseError(errorMessage(error), olds.unconfirmedPurchase),
      id,
      // Not the number: state holds it only once it is adopted.
      (purchase) => unconfirmedState({ ...news, number: undefined }, location, purchase),
    );
  }
  return outputsOf(news, { ...owned, ...location }, false);
}
