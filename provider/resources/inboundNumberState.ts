import type { ListedNumber } from "../client";
import type { ResourceOutputs } from "../model";
import { describeResource } from "./common";
import type { UnconfirmedPurchase } from "./errors";
import type { InboundNumberInputs } from "./inputs";
import type { Location } from "./location";

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

/** What state holds for an InboundNumber: its outputs, or its unconfirmed purchase. */
export type InboundNumberState = InboundNumberOutputs | UnconfirmedInboundNumber;

export const UNCONFIRMED_ID_PREFIX = "unconfirmed-";

export function unconfirmedState(
  inputs: InboundNumberInputs,
  location: Location,
  purchase: UnconfirmedPurchase,
): UnconfirmedInboundNumber {
  return { ...inputs, didType: location.didType, unconfirmedPurchase: purchase };
}

/** The number a resource in state holds: `number` (the id of a settled purchase is not one). */
export const numberOf = (id: string, props?: Partial<InboundNumberOutputs>) =>
  typeof props?.number === "string"
    ? props.number
    : id.startsWith(UNCONFIRMED_ID_PREFIX)
      ? undefined
      : id;

/** How a lifecycle names the resource it serves, when the front door knows it. */
export const holder = (name?: string) => describeResource("InboundNumber", name);

/**
 * The location outputs echo the inputs, not what tel_list_numbers says: diff compares them with the
 * program's inputs, and a listing that spells a location differently, or adds a state, must never
 * look like a change of location, which would replace the number and so release it.
 */
export function outputsOf(
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
