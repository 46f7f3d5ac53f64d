import { errorMessage } from "../../common/errorMessage";
import { ListedNumber } from "../client";
import { inputNames, replacingInputs, type ResourceOutputs } from "../model";
import { CheckedInputs, checkInputs, InboundNumberInputs } from "./inputs";
import { diffProperties, DiffResult } from "./diff";
import { describeLocation, Location, locationOf, PurchaseSettings, sameLocation } from "./location";
import { preflightPurchase, spellLikeAculab } from "./preflight";
import { ResourceContext } from "./resourceContext";
import { isUnknown } from "./unknown";
import { randomUUID } from "node:crypto";
import {
  PurchaseShortfallError,
  recordingUnconfirmed,
  ResourcePartiallyCreatedError,
  UnconfirmedPurchase,
  UnconfirmedPurchaseError,
  unconfirmedPurchaseOf,
  UnmanagedNumbersError,
} from "./errors";
import type { NumberAccount } from "./account";
import { isNewResource, unchangedInputs } from "./unchanged";
import { describeResource, purchaseSettingsOf, releaseOrExplain, withoutInternal } from "./common";

/**
 * The inputs, the number, its price and purchase date; `development` is set when the number came
 * from development mode (tel_purchase_development): it was never bought, so it is never looked up
 * in the account nor released. Absent means bought for real. The model declares them.
 */
export type InboundNumberOutputs = ResourceOutputs<"InboundNumber">;

/**
 * What state holds for an InboundNumber whose purchase may have happened but whose number is not
 * known (a partially created resource, id `unconfirmed-<uuid>`): its inputs and the purchase.
 * The next update, refresh-free `pulumi up` included, settles it; `number` is then an output and
 * the id stays as the engine recorded it, so the number is always read from `number`.
 */
export type UnconfirmedInboundNumber = InboundNumberInputs & {
  didType: NonNullable<InboundNumberInputs["didType"]>;
  unconfirmedPurchase: UnconfirmedPurchase;
};

const UNCONFIRMED_ID_PREFIX = "unconfirmed-";

function unconfirmedState(
  inputs: InboundNumberInputs,
  location: Location,
  purchase: UnconfirmedPurchase,
): UnconfirmedInboundNumber {
  return { ...inputs, didType: location.didType, unconfirmedPurchase: purchase };
}

/** The number a resource in state holds: `number` (the id of a settled purchase is not one). */
const numberOf = (id: string, props?: Partial<InboundNumberOutputs>) =>
  typeof props?.number === "string"
    ? props.number
    : id.startsWith(UNCONFIRMED_ID_PREFIX)
      ? undefined
      : id;

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
  recorded: (owned: ListedNumber) => { id: string; outs: InboundNumberOutputs },
): Promise<ListedNumber> {
  try {
    const [owned] = await account.purchase({
      location,
      settings: purchaseSettingsOf(inputs),
      quantity: 1,
      allowPartial: false,
    });
    return owned;
  } catch (error) {
    if (error instanceof PurchaseShortfallError) {
      throw new Error(
        error.unmanaged === undefined
          ? `${error.message}: no number was bought; try another region, or later`
          : `${error.message}: none is recorded in state. ${error.unmanaged}`,
        { cause: error },
      );
    }
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

/** How a lifecycle names the resource it serves, when the front door knows it. */
const holder = (name?: string) => describeResource("InboundNumber", name);

export const inboundNumberInputProperties: readonly string[] = inputNames("InboundNumber");

/**
 * The location outputs echo the inputs, not what tel_list_numbers says: diff compares them with the
 * program's inputs, and a listing that spells a location differently, or adds a state, must never
 * look like a change of location, which would replace the number and so release it.
 */
function outputsOf(
  inputs: InboundNumberInputs,
  owned: ListedNumber,
  development: boolean,
): InboundNumberOutputs {
  return {
    ...inputs,
    number: owned.number,
    didType: inputs.didType ?? owned.didType,
    monthlyPrice: owned.monthlyPrice,
    purchased: owned.purchased,
    ...(development ? { development: true as const } : {}),
  };
}

/** The lifecycle of one inbound telephone number, shared by both front doors. */
export const inboundNumberLifecycle = {
  /** `olds`: the inputs the engine recorded for the resource, if it exists. */
  async check(
    context: ResourceContext,
    news: Record<string, unknown>,
    olds?: Record<string, unknown>,
  ): Promise<CheckedInputs<InboundNumberInputs>> {
    const checked = checkInputs("InboundNumber", withoutInternal(news));
    const account = context.accountIfConfigured();
    const inputs = checked.inputs;
    if (checked.failures.length > 0 || !account || Object.values(inputs).some(isUnknown))
      return checked;
    if (unchangedInputs(olds, inputs, inboundNumberInputProperties)) return checked;
    if (inputs.number === undefined) {
      checked.failures.push(
        ...(await preflightPurchase(account, inputs as Location, purchaseSettingsOf(inputs))),
      );
      if (checked.failures.length === 0 && isNewResource(olds)) account.announcePurchase();
    } else if (!account.development) {
      const problem = await adoptionProblem(context, inputs as InboundNumberInputs & Location);
      if (problem) checked.failures.push({ property: "number", reason: problem });
    }
    return checked;
  },

  /**
   * The engine showed the resource's state (a diff, before any update): the account learns that
   * it records its number, so that no lost purchase's settlement in this process takes it.
   */
  shown(context: ResourceContext, olds: Record<string, unknown>, name?: string): void {
    const numbers =
      olds.development !== true && typeof olds.number === "string" ? [olds.number] : [];
    context.accountIfConfigured()?.recordedBy(numbers, holder(name));
  },

  diff(olds: Record<string, unknown>, news: Record<string, unknown>): DiffResult {
    // A bought number is an output; the program not naming it is no change.
    const adopted = news.number === undefined ? { ...news, number: olds.number } : news;
    if (unconfirmedPurchaseOf(olds) !== undefined && news.number !== undefined) {
      // Naming the number an unconfirmed purchase bought settles it by adoption: an update.
      const result = diffProperties(
        olds,
        { ...news, number: olds.number },
        inboundNumberInputProperties,
        replacingInputs("InboundNumber"),
      );
      return { ...result, changes: true, changed: [...new Set([...result.changed, "number"])] };
    }
    return diffProperties(
      olds,
      adopted,
      inboundNumberInputProperties,
      replacingInputs("InboundNumber"),
    );
  },

  /** `name` is the resource's name in the program, for errors that must say which resource. */
  async create(
    context: ResourceContext,
    inputs: InboundNumberInputs,
    name?: string,
  ): Promise<{ id: string; outs: InboundNumberOutputs }> {
    inputs = withoutInternal(inputs) as InboundNumberInputs;
    const location = locationOf(inputs as Location);
    const account = context.account();
    let owned: ListedNumber;
    if (inputs.number !== undefined) {
      // Before any lookup: a number another resource of this deployment holds is not to share.
      account.claim([inputs.number], holder(name));
      try {
        owned = account.development
          ? {
              number: inputs.number,
              ...location,
              monthlyPrice: 0,
              purchased: new Date().toISOString().slice(0, 10),
            }
          : { ...(await findListed(context, inputs.number, location)), ...location };
      } catch (error) {
        account.unclaim([inputs.number], holder(name));
        throw error;
      }
    } else {
      const claimed = (bought: ListedNumber) => {
        account.claim([bought.number], holder(name), "bought");
        return bought;
      };
      owned = claimed(
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
    return { id: owned.number, outs: outputsOf(inputs, owned, account.development) };
  },

  /**
   * Refresh: the number is looked up by number in the account's whole listing. It leaves state
   * (empty id) only when two unfiltered listings in a row lack it (NumberAccount.lookUp: one empty
   * answer is never proof) and this process did not just buy it.
   * A development number is kept as it is. Nothing is ever bought or released. It returns no
   * inputs: a refresh never changes an InboundNumber's inputs (the outputs echo them), so the engine
   * keeps the ones it recorded. Inputs made anew from the outputs would differ from those in form
   * (the dynamic door's resource name, an adopter's \`number\`), and the engine would then rewrite
   * its checkpoint at every unchanged resource of the next \`pulumi up\`.
   */
  async read(
    context: ResourceContext,
    id: string,
    props: InboundNumberOutputs,
    name?: string,
  ): Promise<{ id: string; props?: InboundNumberOutputs }> {
    if (props.development === true) return { id, props };
    // An unconfirmed purchase is settled by the next update, never dropped by a refresh.
    const number = numberOf(id, props);
    if (number === undefined) return { id, props };
    const account = context.account();
    const { listed, gone } = await account.lookUp([number], { refresh: true });
    if (gone.includes(number)) return { id: "" };
    account.claim([number], holder(name), "refreshed");
    const owned = listed[number];
    if (!owned) return { id, props };
    // `number` and didType too: a read of a pending create (`pulumi refresh
    // --import-pending-creates`) is handed only the inputs.
    return {
      id,
      props: {
        ...props,
        number,
        didType: props.didType ?? owned.didType,
        monthlyPrice: owned.monthlyPrice,
        purchased: owned.purchased,
      },
    };
  },

  async update(
    context: ResourceContext,
    id: string,
    olds: InboundNumberOutputs | UnconfirmedInboundNumber,
    news: InboundNumberInputs,
    name?: string,
  ): Promise<{ outs: InboundNumberOutputs }> {
    if (unconfirmedPurchaseOf(olds) !== undefined) {
      return {
        outs: await settleUnconfirmed(context, id, olds as UnconfirmedInboundNumber, news, name),
      };
    }
    return inboundNumberLifecycle.updateSettings(olds as InboundNumberOutputs, news);
  },

  updateSettings(
    olds: InboundNumberOutputs,
    news: InboundNumberInputs,
  ): { outs: InboundNumberOutputs } {
    // Only purchase-time settings change in place; they are recorded, nothing is bought or released.
    const settings: PurchaseSettings = purchaseSettingsOf(news);
    const outs = {
      ...olds,
      basedOn: settings.basedOn,
      regulationAddress: settings.regulationAddress,
    };
    if (outs.basedOn === undefined) delete outs.basedOn;
    if (outs.regulationAddress === undefined) delete outs.regulationAddress;
    return { outs };
  },

  /**
   * Releases a number bought for real, whatever aculab:development says now; a development
   * number was never bought and is never sent to tel_delete_numbers. Succeeds only once the
   * number is gone from the account, or, never released, when another resource adopted it in this
   * deployment (this one was renamed, or replaced by one adopting the same number).
   */
  async delete(
    context: ResourceContext,
    id: string,
    props?: Partial<InboundNumberOutputs> | UnconfirmedInboundNumber,
  ): Promise<void> {
    if ((props as Partial<InboundNumberOutputs> | undefined)?.development === true) return;
    const account = context.account();
    const unconfirmed = unconfirmedPurchaseOf(props);
    if (unconfirmed !== undefined) {
      // Release what the purchase bought, if it bought anything; unknown keeps it in state.
      const location = locationOf(props as UnconfirmedInboundNumber);
      const bought = await account.confirmPurchase(location, unconfirmed);
      if (bought.length > 0)
        await releaseOrExplain(
          account,
          bought.map((n) => n.number),
          { warn: context.warn },
        );
      return;
    }
    await releaseOrExplain(account, [numberOf(id, props as Partial<InboundNumberOutputs>) ?? id], {
      warn: context.warn,
    });
  },
};

/**
 * The update of a resource whose purchase was left unconfirmed: find its number at the location
 * (or buy, once a listing proves nothing was bought), or record the purchase as unconfirmed again.
 */
async function settleUnconfirmed(
  context: ResourceContext,
  id: string,
  olds: UnconfirmedInboundNumber,
  news: InboundNumberInputs,
  name?: string,
): Promise<InboundNumberOutputs> {
  news = withoutInternal(news) as InboundNumberInputs;
  const location = locationOf(olds as Location);
  const account = context.account();
  let owned: ListedNumber | undefined;
  if (news.number !== undefined) {
    // The user named the number: adopted as a create would, whatever the purchase bought.
    account.claim([news.number], holder(name));
    try {
      owned = await findListed(context, news.number, location);
    } catch (error) {
      account.unclaim([news.number], holder(name));
      throw recordingUnconfirmed(
        new UnconfirmedPurchaseError(errorMessage(error), olds.unconfirmedPurchase),
        id,
        // Not the number: state holds it only once it is adopted.
        (purchase) => unconfirmedState({ ...news, number: undefined }, location, purchase),
      );
    }
    return outputsOf(news, { ...owned, ...location }, false);
  }
  try {
    [owned] = await account.confirmPurchase(location, olds.unconfirmedPurchase);
  } catch (error) {
    throw recordingUnconfirmed(error, id, (purchase) => unconfirmedState(news, location, purchase));
  }
  const claimed = (bought: ListedNumber) => {
    account.claim([bought.number], holder(name), "bought");
    return bought;
  };
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

/**
 * Why the number cannot be adopted, or undefined. An adoptable number's location names are brought
 * to Aculab's own spelling in `inputs` (check's inputs object), as a purchase's are, so that state
 * records Aculab's names and a later cosmetic edit is no change. The supported lists are asked only
 * when the program spells a name otherwise than the account's listing does.
 */
async function adoptionProblem(
  context: ResourceContext,
  inputs: InboundNumberInputs & Location,
): Promise<string | undefined> {
  let listed: ListedNumber;
  try {
    listed = await findListed(context, inputs.number!, locationOf(inputs));
  } catch (error) {
    return error instanceof AdoptionError ? error.message : undefined;
  }
  const spelledOtherwise =
    listed.country !== inputs.country ||
    listed.region !== inputs.region ||
    (inputs.state !== undefined && listed.state !== inputs.state);
  if (spelledOtherwise) await spellLikeAculab(context.account(), inputs);
  return undefined;
}

class AdoptionError extends Error {}

/** The account's listing of a number the account owns at `location`, or an AdoptionError. */
async function findListed(
  context: ResourceContext,
  number: string,
  location: Location,
): Promise<ListedNumber> {
  const { listed, unlisted } = await context.account().lookUp([number]);
  const owned = listed[number];
  if (owned && sameLocation(owned, location)) return owned;
  if (owned) {
    throw new AdoptionError(
      `number ${number} is owned by the account but is in ${describeLocation(owned)}, not ${describeLocation(location)}: ` +
        `set country, state, region and didType to match it`,
    );
  }
  if (unlisted.includes(number)) {
    throw new AdoptionError(
      `number ${number} was bought moments ago by another resource of this deployment and is not listed yet, so ` +
        `it cannot be adopted: one number belongs to one resource`,
    );
  }
  throw new AdoptionError(
    `number ${number} is not owned by this Aculab account, so it cannot be adopted: ` +
      `adopt only a number that listNumbers() returns, or remove \`number\` to buy a new one`,
  );
}
