import { inputNames } from "../model";
import type { NumberAccount } from "./account";
import { checkResource, verifyPurchase } from "./check";
import { purchaseSettingsOf, releaseOrExplain } from "./common";
import { diffInputs, DiffResult } from "./diff";
import { unconfirmedPurchaseOf } from "./errors";
import { adopt, adoptionProblem } from "./inboundNumberAdoption";
import { buyNumber, settleUnconfirmed } from "./inboundNumberPurchase";
import {
  holder,
  InboundNumberOutputs,
  InboundNumberState,
  numberOf,
  outputsOf,
  UnconfirmedInboundNumber,
} from "./inboundNumberState";
import { CheckFailure, InboundNumberInputs } from "./inputs";
import type { Props, ResourceLifecycle } from "./lifecycle";
import { Location, locationOf, PurchaseSettings } from "./location";
import { ResourceContext } from "./resourceContext";

export type {
  InboundNumberOutputs,
  InboundNumberState,
  UnconfirmedInboundNumber,
} from "./inboundNumberState";

export const inboundNumberInputProperties: readonly string[] = inputNames("InboundNumber");

/** Check's question to Aculab: a dry run of the purchase, or whether the number can be adopted. */
async function verifyInboundNumber(
  account: NumberAccount,
  inputs: InboundNumberInputs,
  olds?: Props,
): Promise<CheckFailure[]> {
  if (inputs.number === undefined) return verifyPurchase(account, inputs, olds);
  if (account.development) return [];
  const problem = await adoptionProblem(account, inputs as InboundNumberInputs & Location);
  return problem ? [{ property: "number", reason: problem }] : [];
}

/**
 * Only purchase-time settings change in place: they are recorded, nothing is bought or released.
 */
function withSettings(olds: InboundNumberOutputs, news: InboundNumberInputs): InboundNumberOutputs {
  const settings: PurchaseSettings = purchaseSettingsOf(news);
  const outs = {
    ...olds,
    basedOn: settings.basedOn,
    regulationAddress: settings.regulationAddress,
  };
  if (outs.basedOn === undefined) delete outs.basedOn;
  if (outs.regulationAddress === undefined) delete outs.regulationAddress;
  return outs;
}

/** The lifecycle of one inbound telephone number, shared by both front doors. */
export const inboundNumberLifecycle = {
  type: "InboundNumber",

  check: (context: ResourceContext, news: Props, olds?: Props) =>
    checkResource("InboundNumber", context, news, olds, verifyInboundNumber),

  shown(context: ResourceContext, olds: Props, name?: string): void {
    const numbers =
      olds.development !== true && typeof olds.number === "string" ? [olds.number] : [];
    context.accountIfConfigured()?.recordedBy(numbers, holder(name));
  },

  diff(olds: Props, news: Props): DiffResult {
    if (unconfirmedPurchaseOf(olds) !== undefined && news.number !== undefined) {
      // Naming the number an unconfirmed purchase bought settles it by adoption: an update.
      const result = diffInputs("InboundNumber", olds, { ...news, number: olds.number });
      return { ...result, changes: true, changed: [...new Set([...result.changed, "number"])] };
    }
    // A bought number is an output; the program not naming it is no change.
    const adopted = news.number === undefined ? { ...news, number: olds.number } : news;
    return diffInputs("InboundNumber", olds, adopted);
  },

  /** Buys a number at the location, or adopts `number`, one the account owns there. */
  async create(
    context: ResourceContext,
    inputs: InboundNumberInputs,
    name?: string,
  ): Promise<{ id: string; outs: InboundNumberOutputs }> {
    const location = locationOf(inputs as Location);
    const account = context.account();
    const owned =
      inputs.number !== undefined
        ? await adopt(account, inputs.number, location, name)
        : await buyNumber(account, inputs, location, name);
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
    const { monthlyPrice, purchased } = owned;
    const didType = props.didType ?? owned.didType;
    return { id, props: { ...props, number, didType, monthlyPrice, purchased } };
  },

  async update(
    context: ResourceContext,
    id: string,
    olds: InboundNumberState,
    news: InboundNumberInputs,
    name?: string,
  ): Promise<{ outs: InboundNumberOutputs }> {
    if (unconfirmedPurchaseOf(olds) === undefined)
      return { outs: withSettings(olds as InboundNumberOutputs, news) };
    const unconfirmed = olds as UnconfirmedInboundNumber;
    return { outs: await settleUnconfirmed(context.account(), id, unconfirmed, news, name) };
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
} satisfies ResourceLifecycle<InboundNumberInputs, InboundNumberOutputs, InboundNumberState>;
