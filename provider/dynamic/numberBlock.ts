import * as pulumi from "@pulumi/pulumi";
import type { NumberBlockInputs } from "../resources/inputs";
import { serializableProvider } from "./shim";

export type NumberBlockArgs = {
  [K in keyof NumberBlockInputs]: pulumi.Input<NumberBlockInputs[K]>;
};

const provider = serializableProvider("NumberBlock");

/**
 * `quantity` numbers at one location, bought in one call. Changing quantity grows the block (buys
 * the difference) or shrinks it (releases the newest numbers), never replaces it.
 */
export class NumberBlock extends pulumi.dynamic.Resource {
  declare readonly numbers: pulumi.Output<string[]>;
  declare readonly quantity: pulumi.Output<number>;
  declare readonly country: pulumi.Output<string>;
  declare readonly state: pulumi.Output<string | undefined>;
  declare readonly region: pulumi.Output<string>;
  declare readonly didType: pulumi.Output<string>;
  declare readonly monthlyPrice: pulumi.Output<number>;
  /** The quantity asked for, when an allowPartial block holds fewer (`quantity` is what it holds). */
  declare readonly requestedQuantity: pulumi.Output<number | undefined>;
  /** true when the numbers came from development mode and were never bought. */
  declare readonly development: pulumi.Output<boolean | undefined>;

  constructor(name: string, args: NumberBlockArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      {
        ...args,
        numbers: undefined,
        monthlyPrice: undefined,
        requestedQuantity: undefined,
        development: undefined,
        // The host tells create and update only the inputs: this names the resource in its errors.
        __resourceName: name,
      },
      opts,
      "aculab",
      "NumberBlock",
    );
  }
}
