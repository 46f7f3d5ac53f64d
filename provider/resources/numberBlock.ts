import { randomUUID } from "node:crypto";
import { NumberAccount, OwnedNumber } from "./account";
import { pickInputs, purchaseSettingsOf, releaseOrExplain, withoutInternal } from "./common";
import { diffProperties, DiffResult, replacingProperties } from "./diff";
import { PurchaseShortfallError, ResourcePartiallyCreatedError } from "./errors";
import { CheckedInputs, checkInputs, NumberBlockInputs, numberBlockInputsSchema } from "./inputs";
import { describeLocation, Location, locationFilter, locationOf } from "./location";
import { preflightPurchase } from "./preflight";
import { ResourceContext } from "./resourceContext";
import { isUnknown } from "./unknown";

export type NumberBlockOutputs = NumberBlockInputs & {
  didType: NonNullable<NumberBlockInputs["didType"]>;
  /** In the order bought; a shrink releases from the end. */
  numbers: string[];
  monthlyPrice: number;
};

export const numberBlockInputProperties = Object.keys(numberBlockInputsSchema.shape);

const cents = (amount: number) => Math.round(amount * 100) / 100;

/** The block's monthly cost from what the account lists, falling back to prices just learnt. */
async function monthlyPriceOf(
  account: NumberAccount,
  location: Location,
  numbers: string[],
  known: OwnedNumber[] = [],
): Promise<number> {
  if (numbers.length === 0) return 0;
  const byNumber = new Map(known.map((n) => [n.number, n.monthlyPrice]));
  if (numbers.some((n) => !byNumber.has(n)) && !account.development) {
    const listed = await account.listNumbers(locationFilter(location));
    for (const n of numbers) if (listed[n]) byNumber.set(n, listed[n].monthlyPrice);
  }
  return cents(numbers.reduce((sum, n) => sum + (byNumber.get(n) ?? 0), 0));
}

async function buy(account: NumberAccount, inputs: NumberBlockInputs, quantity: number) {
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
    if (error instanceof PurchaseShortfallError) return { bought: error.bought, shortfall: error };
    throw error;
  }
}

/** The lifecycle of a block of numbers bought together at one location, shared by both front doors. */
export const numberBlockLifecycle = {
  async check(
    context: ResourceContext,
    news: Record<string, unknown>,
  ): Promise<CheckedInputs<NumberBlockInputs>> {
    const checked = checkInputs(numberBlockInputsSchema, withoutInternal(news));
    const account = context.accountIfConfigured();
    if (checked.failures.length > 0 || !account || Object.values(checked.inputs).some(isUnknown))
      return checked;
    const inputs = checked.inputs;
    checked.failures.push(
      ...(await preflightPurchase(account, inputs as Location, purchaseSettingsOf(inputs))),
    );
    return checked;
  },

  diff(olds: Record<string, unknown>, news: Record<string, unknown>): DiffResult {
    return diffProperties(olds, news, numberBlockInputProperties, replacingProperties);
  },

  async create(
    context: ResourceContext,
    inputs: NumberBlockInputs,
  ): Promise<{ id: string; outs: NumberBlockOutputs }> {
    const account = context.account();
    const id = randomUUID();
    const { bought, shortfall } = await buy(account, inputs, inputs.quantity);
    const location = locationOf(inputs as Location);
    const outs: NumberBlockOutputs = {
      ...inputs,
      didType: location.didType,
      numbers: bought.map((n) => n.number),
      monthlyPrice: cents(bought.reduce((sum, n) => sum + n.monthlyPrice, 0)),
    };
    if (shortfall && bought.length > 0) {
      throw new ResourcePartiallyCreatedError(
        `${shortfall.message}; the ${bought.length} bought (${outs.numbers.join(", ")}) are recorded in state. ` +
          `Lower quantity or set allowPartial: true to keep them, or run \`pulumi up\` again to try for the rest.`,
        id,
        outs,
      );
    }
    if (shortfall) throw new Error(`${shortfall.message}: no number was bought`);
    return { id, outs };
  },

  async read(
    context: ResourceContext,
    id: string,
    props: NumberBlockOutputs,
  ): Promise<{ id: string; props: NumberBlockOutputs; inputs: Record<string, unknown> }> {
    const account = context.account();
    const inputs = pickInputs(props, numberBlockInputProperties);
    if (account.development) return { id, props, inputs };
    const location = locationOf(props);
    const listed = await account.listNumbers(locationFilter(location));
    const numbers = props.numbers.filter((n) => listed[n] !== undefined);
    if (numbers.length === props.numbers.length) {
      return {
        id,
        props: { ...props, monthlyPrice: await monthlyPriceOf(account, location, numbers) },
        inputs,
      };
    }
    // Numbers released outside Pulumi: the block records what it still holds, so that the next
    // `pulumi up` sees the program's quantity differ and buys the difference.
    const quantity = numbers.length;
    return {
      id,
      props: {
        ...props,
        numbers,
        quantity,
        monthlyPrice: await monthlyPriceOf(account, location, numbers),
      },
      inputs: { ...inputs, quantity },
    };
  },

  async update(
    context: ResourceContext,
    id: string,
    olds: NumberBlockOutputs,
    news: NumberBlockInputs,
  ): Promise<{ outs: NumberBlockOutputs }> {
    const account = context.account();
    const location = locationOf(olds);
    const held = olds.numbers;
    const outsWith = async (
      numbers: string[],
      known?: OwnedNumber[],
    ): Promise<NumberBlockOutputs> => ({
      ...news,
      didType: location.didType,
      numbers,
      monthlyPrice: await monthlyPriceOf(account, location, numbers, known),
    });
    if (news.quantity > held.length) {
      const { bought, shortfall } = await buy(account, news, news.quantity - held.length);
      const numbers = [...held, ...bought.map((n) => n.number)];
      let outs: NumberBlockOutputs;
      try {
        outs = await outsWith(numbers, bought);
      } catch (error) {
        // The numbers are bought: state must record them even when their price cannot be read now.
        throw new ResourcePartiallyCreatedError(
          `Growing the block at ${describeLocation(location)} bought ${bought.length} number(s), recorded in state, ` +
            `but then ${error instanceof Error ? error.message : String(error)} Run \`pulumi up\` again to finish.`,
          id,
          {
            ...news,
            didType: location.didType,
            numbers,
            quantity: numbers.length,
            monthlyPrice: cents(
              olds.monthlyPrice + bought.reduce((sum, n) => sum + n.monthlyPrice, 0),
            ),
          },
        );
      }
      if (shortfall) {
        throw new ResourcePartiallyCreatedError(
          `Growing the block at ${describeLocation(location)}: ${shortfall.message}; ` +
            `it now holds ${outs.numbers.length} number(s), all recorded in state`,
          id,
          { ...outs, quantity: outs.numbers.length },
        );
      }
      return { outs };
    }
    if (news.quantity < held.length) {
      const newest = held.slice(news.quantity);
      try {
        await releaseOrExplain(account, newest);
      } catch (error) {
        // Some numbers may have gone: state must record exactly those the account still holds.
        throw new ResourcePartiallyCreatedError(
          error instanceof Error ? error.message : String(error),
          id,
          await outsWith(await stillOwned(account, location, held)),
        );
      }
      return { outs: await outsWith(held.slice(0, news.quantity)) };
    }
    return { outs: await outsWith(held) };
  },

  async delete(context: ResourceContext, _id: string, props: NumberBlockOutputs): Promise<void> {
    await releaseOrExplain(context.account(), props.numbers);
  },
};

/** After a failed release, which of the block's numbers the account still holds. */
async function stillOwned(
  account: NumberAccount,
  location: Location,
  numbers: string[],
): Promise<string[]> {
  try {
    const listed = await account.listNumbers(locationFilter(location), true);
    return numbers.filter((n) => listed[n] !== undefined);
  } catch {
    return numbers;
  }
}
