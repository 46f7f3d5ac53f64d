import type * as pulumi from "@pulumi/pulumi";
import type { NumberBlockInputs } from "../resources/inputs";
import { RESOURCE_NAME } from "../resources/internalKeys";
import { dynamicResourceWithOutputs, outputSlots } from "./outputs";
import { serializableProvider } from "./shim";

/** The inputs as a program gives them: each may be an Output of another resource. */
export type NumberBlockArgs = {
  [K in keyof NumberBlockInputs]: pulumi.Input<NumberBlockInputs[K]>;
};

const provider = serializableProvider("NumberBlock");

/**
 * `quantity` numbers at one location, bought in one call. Changing quantity grows the block (buys
 * the difference) or shrinks it (releases the newest numbers), never replaces it. Its output
 * properties are the model's (provider/model/model.ts): `numbers`, `monthlyPrice`,
 * `requestedQuantity`, `development` and the inputs.
 */
export class NumberBlock extends dynamicResourceWithOutputs("NumberBlock") {
  constructor(name: string, args: NumberBlockArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      {
        ...outputSlots("NumberBlock"),
        ...args,
        // The host tells create and update only the inputs: this names the resource in its errors.
        [RESOURCE_NAME]: name,
      },
      opts,
      "aculab",
      "NumberBlock",
    );
  }
}
