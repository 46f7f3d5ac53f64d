import * as pulumi from "@pulumi/pulumi";
// The model's names only, not its validators: a program that declares resources loads no zod.
import { outputNames } from "../model/derive";
import { model } from "../model/model";
import type { ResourceInputs, ResourceName, ResourceOutputs } from "../model/types";
import { RESOURCE_NAME } from "./internalKeys";
import { serializableProvider } from "./shim";

/** A resource's inputs as a program gives them: each may be an Output of another resource. */
export type ResourceArgs<R extends ResourceName> = {
  [K in keyof ResourceInputs<R>]: pulumi.Input<ResourceInputs<R>[K]>;
};

/**
 * The dynamic resource classes' output properties, derived from the model: every output the
 * lifecycle records (provider/model) is a property of the class, typed from the model.
 */
export type OutputProperties<O> = {
  readonly [K in keyof O]-?: pulumi.Output<object extends Pick<O, K> ? O[K] | undefined : O[K]>;
};

type ResourceClass<R extends ResourceName> = new (
  name: string,
  args: ResourceArgs<R>,
  opts?: pulumi.CustomResourceOptions,
) => pulumi.dynamic.Resource & OutputProperties<ResourceOutputs<R>>;

/** One key per output, undefined: the engine fills them in. Inputs given replace them. */
function outputSlots(resource: ResourceName): Record<string, undefined> {
  return Object.fromEntries(outputNames(resource).map((name) => [name, undefined]));
}

/**
 * The class a program creates a resource of the model with: pulumi.dynamic.Resource registering
 * `pulumi-nodejs:dynamic/aculab:<type>`, typed with the resource's outputs as properties. Pulumi
 * makes an Output property of every key of the props a resource registers with, and the output
 * slots supply a key for each output.
 */
export function dynamicResourceClass<R extends ResourceName>(type: R): ResourceClass<R> {
  const provider = serializableProvider(type);
  return class extends pulumi.dynamic.Resource {
    constructor(name: string, args: ResourceArgs<R>, opts?: pulumi.CustomResourceOptions) {
      // The host tells create and update only the inputs: the name names the resource in errors.
      const props = { ...outputSlots(type), ...args, [RESOURCE_NAME]: name };
      super(provider, name, props, opts, model.name, type);
    }
  } as unknown as ResourceClass<R>;
}
