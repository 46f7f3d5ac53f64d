import { randomUUID } from "node:crypto";
import { errorMessage } from "../../common/errorMessage";
import { NumberAccount, OwnedNumber } from "./account";
import {
  describeResource,
  pickInputs,
  purchaseSettingsOf,
  ReleaseError,
  releaseOrExplain,
  withoutInternal,
} from "./common";
import { inputNames, replacingInputs, type ResourceOutputs } from "../model";
import { diffProperties, DiffResult } from "./diff";
import {
  PurchaseShortfallError,
  recordingUnconfirmed,
  ResourcePartiallyCreatedError,
  UnconfirmedPurchase,
  UnconfirmedPurchaseError,
  unconfirmedPurchaseOf,
  UnmanagedNumbersError,
} from "./errors";
import { CheckedInputs, checkInputs, NumberBlockInputs } from "./inputs";
import { describeLocation, Location, locationOf } from "./location";
import { preflightPurchase } from "./preflight";
import { ResourceContext } from "./resourceContext";
import { SHRINKS_FROM, shrinksFrom } from "./shrink";
import { isUnknown } from "./unknown";
import { isNewResource, unchangedInputs } from "./unchanged";

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

const cents = (amount: number) => Math.round(amount * 100) / 100;
const holder = (name?: string) => describeResource("NumberBlock", name);

/** What the program asked for last: `quantity` unless the block came up short of it. */
const requestedOf = (outs: NumberBlockOutputs) => outs.requestedQuantity ?? outs.quantity;

/**
 * The block's state: `quantity` always agrees with `numbers`; `requested` (what the program
 * asked for) is kept apart when it differs, so that diff and update can tell a short block from
 * a change of quantity.
 */
function blockOutputs(
  inputs: NumberBlockInputs,
  numbers: string[],
  monthlyPrice: number,
  development: boolean,
  requested?: number,
): NumberBlockOutputs {
  const {
    requestedQuantity: _r,
    development: _d,
    unconfirmedPurchase: _u,
    ...rest
  } = withoutInternal(inputs as unknown as Record<string, unknown>) as NumberBlockState;
  return {
    ...rest,
    didType: locationOf(inputs as Location).didType,
    numbers,
    quantity: numbers.length,
    monthlyPrice: cents(monthlyPrice),
    ...(requested !== undefined && requested !== numbers.length
      ? { requestedQuantity: requested }
      : {}),
    ...(development ? { development: true as const } : {}),
  };
}

const sumOf = (bought: OwnedNumber[]) => bought.reduce((sum, n) => sum + n.monthlyPrice, 0);

/** A block's state while a purchase for it is unconfirmed: what it holds, and the purchase. */
const unconfirmedBlock = (
  outs: NumberBlockOutputs,
  purchase: UnconfirmedPurchase,
): Record<string, unknown> => ({ ...outs, unconfirmedPurchase: purchase });

/**
 * Settles the unconfirmed purchase `state` records: the numbers it bought join the block, and
 * none when a listing proves nothing was bought (then the update buys what is still missing).
 * Still not known: the block keeps the numbers it holds and records the purchase again, with the
 * program's inputs `news`, as every partial failure of an update does.
 */
async function settleUnconfirmed(
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

/**
 * The monthly cost of the numbers a block keeps, from the account's listing; if that cannot be
 * read, the old cost shared out evenly (the numbers are what matters, the price follows on refresh).
 */
async function priceOfKept(
  account: NumberAccount,
  olds: NumberBlockOutputs,
  kept: string[],
): Promise<number> {
  if (olds.development === true || kept.length === 0) return 0;
  const share = olds.numbers.length > 0 ? olds.monthlyPrice / olds.numbers.length : 0;
  try {
    const { listed } = await account.lookUp(kept);
    return kept.reduce((sum, n) => sum + (listed[n]?.monthlyPrice ?? share), 0);
  } catch {
    return share * kept.length;
  }
}

/**
 * The numbers bought for the block; `shortfall` when fewer than asked for, and `unmanaged` when the
 * purchase's answer held numbers no resource records, which the block's error must name.
 */
async function buy(
  account: NumberAccount,
  inputs: NumberBlockInputs,
  quantity: number,
): Promise<{ bought: OwnedNumber[]; shortfall?: PurchaseShortfallError; unmanaged?: string }> {
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

/** The sentence an error adds about numbers no resource records, if any. */
const unmanagedSuffix = (unmanaged?: string) => (unmanaged === undefined ? "" : ` ${unmanaged}`);

/** A block's numbers are all real or all development: growing never mixes the two. */
function refuseMixedGrowth(account: NumberAccount, olds: NumberBlockOutputs): void {
  const development = olds.development === true;
  if (development === account.development) return;
  throw new Error(
    development
      ? `This NumberBlock holds development numbers (made up by tel_purchase_development), and aculab:development ` +
          `is now false: growing it would mix real numbers into it. Nothing was bought. Replace the block ` +
          `(pulumi up --replace <its URN>) to buy real numbers, or set aculab:development back to true.`
      : `This NumberBlock holds numbers bought for real, and aculab:development is now true: growing it would ` +
          `record made-up numbers beside them. Nothing was bought. Set aculab:development to false to grow it.`,
  );
}

/** The update of a block with no unconfirmed purchase: see numberBlockLifecycle.update. */
async function resize(
  context: ResourceContext,
  id: string,
  olds: NumberBlockOutputs,
  news: NumberBlockInputs,
  name?: string,
): Promise<{ outs: NumberBlockOutputs }> {
  const account = context.account();
  const location = locationOf(olds);
  const held = olds.numbers;
  const development = olds.development === true;
  if (news.quantity === requestedOf(olds) || news.quantity === held.length) {
    return {
      outs: blockOutputs(news, held, olds.monthlyPrice, development, news.quantity),
    };
  }
  if (news.quantity > held.length) {
    refuseMixedGrowth(account, olds);
    let purchase: Awaited<ReturnType<typeof buy>>;
    try {
      purchase = await buy(account, news, news.quantity - held.length);
    } catch (error) {
      throw recordingUnconfirmed(
        error,
        id,
        (unconfirmed) =>
          unconfirmedBlock(blockOutputs(news, held, olds.monthlyPrice, development), unconfirmed),
        (unconfirmed) =>
          `Growing the block at ${describeLocation(location)}: ${unconfirmed.message} Meanwhile the ` +
          `block holds the ${held.length} number(s) it held before, all recorded in state.`,
      );
    }
    const { bought, shortfall, unmanaged } = purchase;
    const numbers = [...held, ...bought.map((n) => n.number)];
    account.claim(numbers, holder(name), "bought");
    const monthlyPrice = olds.monthlyPrice + sumOf(bought);
    if (shortfall) {
      throw new ResourcePartiallyCreatedError(
        `Growing the block at ${describeLocation(location)}: ${shortfall.message}; ` +
          `it now holds ${numbers.length} number(s), all recorded in state` +
          (unmanaged === undefined ? "" : `.${unmanagedSuffix(unmanaged)}`),
        id,
        blockOutputs(news, numbers, monthlyPrice, development),
        { cause: shortfall },
      );
    }
    const outs = blockOutputs(news, numbers, monthlyPrice, development, news.quantity);
    if (unmanaged !== undefined) {
      throw new ResourcePartiallyCreatedError(
        `Growing the block at ${describeLocation(location)} bought the ${bought.length} number(s) asked for; ` +
          `it now holds ${numbers.length} number(s), all recorded in state.${unmanagedSuffix(unmanaged)}`,
        id,
        outs,
      );
    }
    return { outs };
  }
  const newest = held.slice(news.quantity);
  let kept = held.slice(0, news.quantity);
  if (!development) {
    try {
      await releaseOrExplain(account, newest, {
        releaser: holder(name),
        warn: context.warn,
      });
    } catch (error) {
      // State records exactly the numbers the account still holds: the kept and the unreleased.
      const unreleased = error instanceof ReleaseError ? error.kept : newest;
      kept = held.filter((n) => !newest.includes(n) || unreleased.includes(n));
      throw new ResourcePartiallyCreatedError(
        errorMessage(error),
        id,
        blockOutputs(news, kept, await priceOfKept(account, olds, kept), development),
        { cause: error },
      );
    }
  }
  return {
    outs: blockOutputs(news, kept, await priceOfKept(account, olds, kept), development),
  };
}

/** The lifecycle of a block of numbers bought together at one location, shared by both front doors. */
export const numberBlockLifecycle = {
  /**
   * `olds`: the inputs the engine recorded for the block, if it exists. A block asked for fewer
   * numbers than its recorded inputs (a shrink, which releases numbers) says so among its inputs,
   * for the policy pack (shrink.ts).
   */
  async check(
    context: ResourceContext,
    news: Record<string, unknown>,
    olds?: Record<string, unknown>,
  ): Promise<CheckedInputs<NumberBlockInputs>> {
    const checked = checkInputs("NumberBlock", withoutInternal(news));
    const before = isNewResource(olds) ? undefined : shrinksFrom(olds, checked.inputs.quantity);
    if (before !== undefined) (checked.inputs as Record<string, unknown>)[SHRINKS_FROM] = before;
    const account = context.accountIfConfigured();
    if (checked.failures.length > 0 || !account || Object.values(checked.inputs).some(isUnknown))
      return checked;
    const inputs = checked.inputs;
    if (unchangedInputs(olds, inputs, numberBlockInputProperties)) return checked;
    checked.failures.push(
      ...(await preflightPurchase(account, inputs as Location, purchaseSettingsOf(inputs))),
    );
    if (checked.failures.length === 0 && isNewResource(olds)) account.announcePurchase();
    return checked;
  },

  /** The engine showed the block's state (a diff): see inboundNumberLifecycle.shown. */
  shown(context: ResourceContext, olds: Record<string, unknown>, name?: string): void {
    const numbers =
      olds.development !== true && Array.isArray(olds.numbers)
        ? olds.numbers.filter((n): n is string => typeof n === "string")
        : [];
    context.accountIfConfigured()?.recordedBy(numbers, holder(name));
  },

  diff(olds: Record<string, unknown>, news: Record<string, unknown>): DiffResult {
    // A short allowPartial block is no change while the program asks for the same quantity.
    const asked =
      olds.requestedQuantity === undefined ? olds : { ...olds, quantity: olds.requestedQuantity };
    return diffProperties(asked, news, numberBlockInputProperties, replacingInputs("NumberBlock"));
  },

  /** `name` is the resource's name in the program, for errors that must say which resource. */
  async create(
    context: ResourceContext,
    inputs: NumberBlockInputs,
    name?: string,
  ): Promise<{ id: string; outs: NumberBlockOutputs }> {
    inputs = withoutInternal(inputs as unknown as Record<string, unknown>) as NumberBlockInputs;
    const account = context.account();
    const id = randomUUID();
    let purchase: Awaited<ReturnType<typeof buy>>;
    try {
      purchase = await buy(account, inputs, inputs.quantity);
    } catch (error) {
      throw recordingUnconfirmed(error, id, (unconfirmed) =>
        unconfirmedBlock(blockOutputs(inputs, [], 0, account.development), unconfirmed),
      );
    }
    const { bought, shortfall, unmanaged } = purchase;
    const numbers = bought.map((n) => n.number);
    account.claim(numbers, holder(name), "bought");
    if (shortfall && bought.length > 0) {
      const outs = blockOutputs(inputs, numbers, sumOf(bought), account.development);
      throw new ResourcePartiallyCreatedError(
        `${shortfall.message}; the ${bought.length} bought (${numbers.join(", ")}) are recorded in state. ` +
          `Lower quantity or set allowPartial: true to keep them, or run \`pulumi up\` again to try for the rest.` +
          unmanagedSuffix(unmanaged),
        id,
        outs,
        { cause: shortfall },
      );
    }
    if (shortfall) {
      throw new Error(
        unmanaged === undefined
          ? `${shortfall.message}: no number was bought`
          : `${shortfall.message}: none is recorded in state.${unmanagedSuffix(unmanaged)}`,
        { cause: shortfall },
      );
    }
    const outs = blockOutputs(inputs, numbers, sumOf(bought), account.development, inputs.quantity);
    if (unmanaged !== undefined) {
      throw new ResourcePartiallyCreatedError(
        `The block's ${numbers.length} number(s) (${numbers.join(", ")}) were bought and are recorded in ` +
          `state.${unmanagedSuffix(unmanaged)}`,
        id,
        outs,
      );
    }
    return { id, outs };
  },

  /**
   * Refresh: each number is looked up by number in the account's whole listing, and only one
   * that two unfiltered listings in a row lack (and this process did not just buy) leaves the
   * block: one answer listing nothing never empties it (NumberAccount.lookUp). A
   * development block is kept as it is. Nothing is ever bought or released.
   */
  async read(
    context: ResourceContext,
    id: string,
    props: NumberBlockState,
    name?: string,
  ): Promise<{ id: string; props: NumberBlockState; inputs?: Record<string, unknown> }> {
    // A block holding no number (an unconfirmed create's) has nothing to look up.
    if (props.development === true || props.numbers.length === 0) return { id, props };
    const account = context.account();
    // An unconfirmed purchase is settled by the next update, never dropped by a refresh.
    const unconfirmed = unconfirmedPurchaseOf(props);
    const keeping = (outs: NumberBlockOutputs): NumberBlockState =>
      unconfirmed === undefined ? outs : { ...outs, unconfirmedPurchase: unconfirmed };
    const { listed, unlisted, gone } = await account.lookUp(props.numbers, { refresh: true });
    const numbers = props.numbers.filter((n) => !gone.includes(n));
    account.claim(numbers, holder(name), "refreshed");
    const monthlyPrice =
      unlisted.length > 0 && gone.length === 0
        ? props.monthlyPrice
        : numbers.reduce((sum, n) => sum + (listed[n]?.monthlyPrice ?? 0), 0);
    // Nothing released outside Pulumi: the engine keeps the inputs it recorded (see
    // InboundNumber's read for why none are made anew).
    if (gone.length === 0) {
      return {
        id,
        props: keeping(blockOutputs(props, numbers, monthlyPrice, false, requestedOf(props))),
      };
    }
    // Numbers released outside Pulumi: the block records what it still holds, so that the next
    // `pulumi up` sees the program's quantity differ and buys the difference.
    return {
      id,
      props: keeping(blockOutputs(props, numbers, monthlyPrice, false)),
      inputs: { ...pickInputs(props, numberBlockInputProperties), quantity: numbers.length },
    };
  },

  /**
   * Grows or shrinks the block only when the program's quantity differs from the one it asked for
   * last; any other in-place change (basedOn, regulationAddress, allowPartial) buys and releases
   * nothing. A block whose state records an unconfirmed purchase settles it first. After success
   * and after every partial failure, `quantity` equals `numbers.length`.
   */
  async update(
    context: ResourceContext,
    id: string,
    olds: NumberBlockState,
    news: NumberBlockInputs,
    name?: string,
  ): Promise<{ outs: NumberBlockOutputs }> {
    news = withoutInternal(news as unknown as Record<string, unknown>) as NumberBlockInputs;
    const account = context.account();
    const unconfirmed = unconfirmedPurchaseOf(olds);
    if (unconfirmed === undefined) return resize(context, id, olds, news, name);
    const settled = await settleUnconfirmed(account, id, olds, unconfirmed, news, name);
    try {
      return await resize(context, id, settled, news, name);
    } catch (error) {
      if (error instanceof ResourcePartiallyCreatedError) throw error;
      // The settled numbers are known now: state must hold them even if the rest fails, or a
      // later settlement, once other purchases there have changed the listing, could not tell them.
      throw new ResourcePartiallyCreatedError(
        errorMessage(error),
        id,
        blockOutputs(news, settled.numbers, settled.monthlyPrice, settled.development === true),
        { cause: error },
      );
    }
  },

  /**
   * Releases the block's numbers if they were bought for real, whatever aculab:development says
   * now; development numbers are never sent to tel_delete_numbers. Succeeds only once every number
   * is gone from the account. A block with an unconfirmed purchase releases what that purchase
   * bought too, and nothing while that cannot be told.
   */
  async delete(context: ResourceContext, _id: string, props: NumberBlockState): Promise<void> {
    if (props.development === true) return;
    const account = context.account();
    let numbers = props.numbers;
    const unconfirmed = unconfirmedPurchaseOf(props);
    if (unconfirmed !== undefined) {
      // Released before its purchase is told, the block would leave state and whatever that
      // purchase bought would be paid for and in no state.
      let bought: OwnedNumber[];
      try {
        bought = await account.confirmPurchase(locationOf(props), unconfirmed);
      } catch (error) {
        if (!(error instanceof UnconfirmedPurchaseError)) throw error;
        throw new Error(
          `The NumberBlock at ${describeLocation(locationOf(props))} was not deleted and nothing was released: ` +
            `${error.message} It stays in state with the ${numbers.length} number(s) it holds and the purchase, ` +
            `and deleting it again releases both once the listing tells what the purchase bought.`,
          { cause: error },
        );
      }
      numbers = [...numbers, ...bought.map((n) => n.number)];
    }
    await releaseOrExplain(account, numbers, { warn: context.warn });
  },
};
