import { ListedNumber } from "../client";
import {
  CheckedInputs,
  checkInputs,
  InboundNumberInputs,
  inboundNumberInputsSchema,
} from "./inputs";
import { diffProperties, DiffResult, replacingProperties } from "./diff";
import {
  describeLocation,
  Location,
  locationFilter,
  locationOf,
  PurchaseSettings,
} from "./location";
import { preflightPurchase } from "./preflight";
import { ResourceContext } from "./resourceContext";
import { isUnknown } from "./unknown";
import { PurchaseShortfallError } from "./errors";
import { pickInputs, purchaseSettingsOf, releaseOrExplain, withoutInternal } from "./common";

export type InboundNumberOutputs = InboundNumberInputs & {
  number: string;
  didType: NonNullable<InboundNumberInputs["didType"]>;
  monthlyPrice: number;
  purchased: string;
};

export const inboundNumberInputProperties = Object.keys(inboundNumberInputsSchema.shape);

/**
 * The location outputs echo the inputs, not what tel_list_numbers says: diff compares them with the
 * program's inputs, and a listing that spells a location differently, or adds a state, must never
 * look like a change of location, which would replace the number and so release it.
 */
function outputsOf(inputs: InboundNumberInputs, owned: ListedNumber): InboundNumberOutputs {
  return {
    ...inputs,
    number: owned.number,
    didType: inputs.didType ?? owned.didType,
    monthlyPrice: owned.monthlyPrice,
    purchased: owned.purchased,
  };
}

/** The lifecycle of one inbound telephone number, shared by both front doors. */
export const inboundNumberLifecycle = {
  async check(
    context: ResourceContext,
    news: Record<string, unknown>,
  ): Promise<CheckedInputs<InboundNumberInputs>> {
    const checked = checkInputs(inboundNumberInputsSchema, withoutInternal(news));
    const account = context.accountIfConfigured();
    const inputs = checked.inputs;
    if (checked.failures.length > 0 || !account || Object.values(inputs).some(isUnknown))
      return checked;
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

  async create(
    context: ResourceContext,
    inputs: InboundNumberInputs,
  ): Promise<{ id: string; outs: InboundNumberOutputs }> {
    const location = locationOf(inputs as Location);
    const account = context.account();
    let owned: ListedNumber;
    if (inputs.number !== undefined) {
      owned = account.development
        ? {
            number: inputs.number,
            ...location,
            monthlyPrice: 0,
            purchased: new Date().toISOString().slice(0, 10),
          }
        : await findOwned(context, inputs.number, location);
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
    }
    return { id: owned.number, outs: outputsOf(inputs, owned) };
  },

  /** Refresh: a number gone from the account leaves state (empty id); nothing is ever released. */
  async read(
    context: ResourceContext,
    id: string,
    props: InboundNumberOutputs,
  ): Promise<{ id: string; props?: InboundNumberOutputs; inputs?: Record<string, unknown> }> {
    const account = context.account();
    const inputs = pickInputs(props, inboundNumberInputProperties, ["number"]);
    if (account.development) return { id, props, inputs };
    const listed = await account.listNumbers(locationFilter(locationOf(props)));
    const owned = listed[id];
    if (!owned) return { id: "" };
    return { id, props: { ...props, ...outputsOf(props, owned) }, inputs };
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

  async delete(context: ResourceContext, id: string): Promise<void> {
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
  const account = context.account();
  const here = await account.listNumbers(locationFilter(location));
  if (here[number]) return here[number];
  const everywhere = await account.listNumbers({});
  const elsewhere = everywhere[number];
  if (elsewhere) {
    throw new AdoptionError(
      `number ${number} is owned by the account but is in ${describeLocation(elsewhere)}, not ${describeLocation(location)}: ` +
        `set country, state, region and didType to match it`,
    );
  }
  throw new AdoptionError(
    `number ${number} is not owned by this Aculab account, so it cannot be adopted: ` +
      `adopt only a number that listNumbers() returns, or remove \`number\` to buy a new one`,
  );
}
