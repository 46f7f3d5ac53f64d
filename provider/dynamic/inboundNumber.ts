import type * as pulumi from "@pulumi/pulumi";
import type { InboundNumberInputs } from "../resources/inputs";
import { RESOURCE_NAME } from "../resources/internalKeys";
import { dynamicResourceWithOutputs, outputSlots } from "./outputs";
import { serializableProvider } from "./shim";

/** The inputs as a program gives them: each may be an Output of another resource. */
export type InboundNumberArgs = {
  [K in keyof InboundNumberInputs]: pulumi.Input<InboundNumberInputs[K]>;
};

const provider = serializableProvider("InboundNumber");

/**
 * One inbound telephone number. Creating it buys a number (or adopts `number`, one the account
 * already owns); deleting it releases the number, which may then be gone for good. Its output
 * properties are the model's (provider/model/model.ts): `number`, `monthlyPrice`, `purchased`,
 * `development` and the inputs.
 */
export class InboundNumber extends dynamicResourceWithOutputs("InboundNumber") {
  constructor(name: string, args: InboundNumberArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      {
        ...outputSlots("InboundNumber"),
        ...args,
        // The host tells create only the inputs: this names the resource in its errors.
        [RESOURCE_NAME]: name,
      },
      opts,
      "aculab",
      "InboundNumber",
    );
  }
}
