import * as pulumi from "@pulumi/pulumi";
import type { InboundNumberInputs } from "../resources/inputs";
import { serializableProvider } from "./shim";

export type InboundNumberArgs = {
  [K in keyof InboundNumberInputs]: pulumi.Input<InboundNumberInputs[K]>;
};

const provider = serializableProvider("InboundNumber");

/**
 * One inbound telephone number. Creating it buys a number (or adopts `number`, one the account
 * already owns); deleting it releases the number, which may then be gone for good.
 */
export class InboundNumber extends pulumi.dynamic.Resource {
  declare readonly number: pulumi.Output<string>;
  declare readonly country: pulumi.Output<string>;
  declare readonly state: pulumi.Output<string | undefined>;
  declare readonly region: pulumi.Output<string>;
  declare readonly didType: pulumi.Output<string>;
  declare readonly regulationAddress: pulumi.Output<string | undefined>;
  declare readonly basedOn: pulumi.Output<string | undefined>;
  declare readonly monthlyPrice: pulumi.Output<number>;
  declare readonly purchased: pulumi.Output<string>;
  /** true when the number came from development mode and was never bought. */
  declare readonly development: pulumi.Output<boolean | undefined>;

  constructor(name: string, args: InboundNumberArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      {
        ...args,
        number: args.number,
        monthlyPrice: undefined,
        purchased: undefined,
        development: undefined,
        // The host tells create only the inputs: this names the resource in its errors.
        __resourceName: name,
      },
      opts,
      "aculab",
      "InboundNumber",
    );
  }
}
