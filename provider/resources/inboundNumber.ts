import { ListedNumber } from "../client";
import {
  CheckedInputs,
  checkInputs,
  InboundNumberInputs,
  inboundNumberInputsSchema,
} from "./inputs";
import { diffProperties, DiffResult, replacingProperties } from "./diff";
import { describeLocation, Location, locationOf, PurchaseSettings, sameLocation } from "./location";
import { preflightPurchase } from "./preflight";
import { ResourceContext } from "./resourceContext";
import { isUnknown } from "./unknown";
import { unchangedInputs } from "./unchanged";
import { PurchaseShortfallError } from "./errors";
import {
  describeResource,
  pickInputs,
  purchaseSettingsOf,
  releaseOrExplain,
  withoutInternal,
} from "./common";

export type InboundNumberOutputs = InboundNumberInputs & {
  number: string;
  didType: NonNullable<InboundNumberInputs["didType"]>;
  monthlyPrice: number;
  purchased: string;
  /**
   * Set when the number came from development mode (tel_purchase_development): it was never
   * bought, so it is never looked up in the account nor released. Absent means bought for real.
   */
  development?: true;
};

/** How a lifecycle names the resource it serves, when the front door knows it. */
const holder = (name?: string) => describeResource("InboundNumber", name);

export const inboundNumberInputProperties = Object.keys(inboundNumberInputsSchema.shape);

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
    const checked = checkInputs(inboundNumberInputsSchema, withoutInternal(news));
    const account = context.accountIfConfigured();
    const inputs = checked.inputs;
    if (checked.failures.length > 0 || !account || Object.values(inputs).some(isUnknown))
      return checked;
    if (unchangedInputs(olds, inputs, inboundNumberInputProperties)) return checked;
    if (inputs.number === undefined) {
      checked.failures.push(
        ...(await preflightPurchase(account, inputs as Location, purchaseSettingsOf(inputs))),
      );
    } else if (!account.development) {
      const problem = await adoptionProblem(context, inputs as InboundNumberInputs & Location);
      if (problem) checked.failures.push({ property: "number", reason: problem });
    }
    return checked;
  },

  diff(olds: Record<string, unknown>, news: Record<string, unknown>): DiffResult {
    // A bought number is an output; the program not naming it is no change.
    const adopted = news.number === undefined ? { ...news, number: olds.number } : news;
    return diffProperties(olds, adopted, inboundNumberInputProperties, [
      ...replacingProperties,
      "number",
    ]);
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
          : await findOwned(context, inputs.number, location);
      } catch (error) {
        account.unclaim([inputs.number], holder(name));
        throw error;
      }
    } else {
      try {
        [owned] = await account.purchase({
          location,
          settings: purchaseSettingsOf(inputs),
          quantity: 1,
          allowPartial: false,
        });
      } catch (error) {
        if (error instanceof PurchaseShortfallError) {
          throw new Error(`${error.message}: no number was bought; try another region, or later`);
        }
        throw error;
      }
      account.claim([owned.number], holder(name), false);
    }
    return { id: owned.number, outs: outputsOf(inputs, owned, account.development) };
  },

  /**
   * Refresh: the number is looked up by number in the account's whole listing. It leaves state
   * (empty id) only when an unfiltered listing lacks it and this process did not just buy it.
   * A development number is kept as it is. Nothing is ever bought or released.
   */
  async read(
    context: ResourceContext,
    id: string,
    props: InboundNumberOutputs,
    name?: string,
  ): Promise<{ id: string; props?: InboundNumberOutputs; inputs?: Record<string, unknown> }> {
    const inputs = pickInputs(props, inboundNumberInputProperties, ["number"]);
    if (props.development === true) return { id, props, inputs };
    const account = context.account();
    const { listed, gone } = await account.lookUp([id]);
    if (gone.includes(id)) return { id: "" };
    account.claim([id], holder(name), false);
    const owned = listed[id];
    if (!owned) return { id, props, inputs };
    return {
      id,
      props: {
        ...props,
        monthlyPrice: owned.monthlyPrice,
        purchased: owned.purchased,
      },
      inputs,
    };
  },

  update(olds: InboundNumberOutputs, news: InboundNumberInputs): { outs: InboundNumberOutputs } {
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
   * number is gone from the account.
   */
  async delete(
    context: ResourceContext,
    id: string,
    props?: Partial<InboundNumberOutputs>,
  ): Promise<void> {
    if (props?.development === true) return;
    await releaseOrExplain(context.account(), [id]);
  },
};

async function adoptionProblem(
  context: ResourceContext,
  inputs: InboundNumberInputs & Location,
): Promise<string | undefined> {
  try {
    await findOwned(context, inputs.number!, locationOf(inputs));
    return undefined;
  } catch (error) {
    return error instanceof AdoptionError ? error.message : undefined;
  }
}

class AdoptionError extends Error {}

async function findOwned(
  context: ResourceContext,
  number: string,
  location: Location,
): Promise<ListedNumber> {
  const { listed, unlisted } = await context.account().lookUp([number]);
  const owned = listed[number];
  if (owned && sameLocation(owned, location)) return { ...owned, ...location };
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
