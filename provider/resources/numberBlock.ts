import { errorMessage } from "../../common/errorMessage";
import type { OwnedNumber } from "./account";
import { checkResource, verifyPurchase } from "./check";
import { pickInputs, releaseOrExplain } from "./common";
import { diffInputs, DiffResult } from "./diff";
import {
  ResourcePartiallyCreatedError,
  UnconfirmedPurchaseError,
  unconfirmedPurchaseOf,
} from "./errors";
import { CheckedInputs, NumberBlockInputs } from "./inputs";
import type { Props, ResourceLifecycle } from "./lifecycle";
import { describeLocation, locationOf } from "./location";
import { buyBlock, createShortfall, settleUnconfirmed } from "./numberBlockPurchase";
import { resize } from "./numberBlockResize";
import {
  blockOutputs,
  holder,
  numberBlockInputProperties,
  NumberBlockOutputs,
  NumberBlockState,
  requestedOf,
  sumOf,
  unmanagedSuffix,
} from "./numberBlockState";
import { ResourceContext } from "./resourceContext";
import { SHRINKS_FROM, shrinksFrom } from "./shrink";
import { isNewResource } from "./unchanged";

export { numberBlockInputProperties } from "./numberBlockState";
export type { NumberBlockOutputs, NumberBlockState } from "./numberBlockState";

/** The lifecycle of a block of numbers bought together at one location, shared by both front doors. */
export const numberBlockLifecycle = {
  type: "NumberBlock",

  /**
   * A block asked for fewer numbers than its recorded inputs `olds` (a shrink, which releases
   * numbers) says so among its inputs, for the policy pack (shrink.ts).
   */
  async check(
    context: ResourceContext,
    news: Props,
    olds?: Props,
  ): Promise<CheckedInputs<NumberBlockInputs>> {
    const checked = await checkResource("NumberBlock", context, news, olds, verifyPurchase);
    const before = isNewResource(olds) ? undefined : shrinksFrom(olds, checked.inputs.quantity);
    if (before !== undefined) Object.assign(checked.inputs, { [SHRINKS_FROM]: before });
    return checked;
  },

  shown(context: ResourceContext, olds: Props, name?: string): void {
    const numbers =
      olds.development !== true && Array.isArray(olds.numbers)
        ? olds.numbers.filter((n): n is string => typeof n === "string")
        : [];
    context.accountIfConfigured()?.recordedBy(numbers, holder(name));
  },

  diff(olds: Props, news: Props): DiffResult {
    // A short allowPartial block is no change while the program asks for the same quantity.
    const asked =
      olds.requestedQuantity === undefined ? olds : { ...olds, quantity: olds.requestedQuantity };
    return diffInputs("NumberBlock", asked, news);
  },

  async create(
    context: ResourceContext,
    inputs: NumberBlockInputs,
    name?: string,
  ): Promise<{ id: string; outs: NumberBlockOutputs }> {
    const account = context.account();
    const purchase = await buyBlock(account, inputs, name);
    const failure = createShortfall(account, inputs, purchase);
    if (failure) throw failure;
    const { id, numbers, bought, unmanaged } = purchase;
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
    if (gone.length === 0)
      return {
        id,
        props: keeping(blockOutputs(props, numbers, monthlyPrice, false, requestedOf(props))),
      };
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
} satisfies ResourceLifecycle<NumberBlockInputs, NumberBlockOutputs, NumberBlockState>;
