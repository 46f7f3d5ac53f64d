import { dynamicResourceClass, type ResourceArgs } from "./resourceClass";

export type InboundNumberArgs = ResourceArgs<"InboundNumber">;

/**
 * One inbound telephone number. Creating it buys a number (or adopts `number`, one the account
 * already owns); deleting it releases the number, which may then be gone for good. Its output
 * properties are the model's (provider/model): `number`, `monthlyPrice`, `purchased`,
 * `development` and the inputs.
 */
export class InboundNumber extends dynamicResourceClass("InboundNumber") {}

export type NumberBlockArgs = ResourceArgs<"NumberBlock">;

/**
 * `quantity` numbers at one location, bought in one call. Changing quantity grows the block (buys
 * the difference) or shrinks it (releases the newest numbers), never replaces it. Its output
 * properties are the model's (provider/model): `numbers`, `monthlyPrice`, `requestedQuantity`,
 * `development` and the inputs.
 */
export class NumberBlock extends dynamicResourceClass("NumberBlock") {}
