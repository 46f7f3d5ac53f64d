import * as pulumi from "@pulumi/pulumi";
import { outputNames, type ResourceName, type ResourceOutputs } from "../model";

/**
 * The dynamic resource classes' output properties, derived from the model: every output the
 * lifecycle records (provider/model/model.ts) is a property of the class, typed from the model.
 */
export type OutputProperties<O> = {
  readonly [K in keyof O]-?: pulumi.Output<object extends Pick<O, K> ? O[K] | undefined : O[K]>;
};

type ResourceConstructor<R extends ResourceName> = abstract new (
  ...args: ConstructorParameters<typeof pulumi.dynamic.Resource>
) => pulumi.dynamic.Resource & OutputProperties<ResourceOutputs<R>>;

/**
 * pulumi.dynamic.Resource, typed with the resource's outputs as properties. Nothing changes at run
 * time: Pulumi makes an Output property of every key of the props a resource registers with, and
 * `outputSlots` supplies a key for each output.
 */
export function dynamicResourceWithOutputs<R extends ResourceName>(
  _resource: R,
): ResourceConstructor<R> {
  return pulumi.dynamic.Resource as unknown as ResourceConstructor<R>;
}

/** One key per output, undefined: the engine fills them in. Inputs given replace them. */
export function outputSlots(resource: ResourceName): Record<string, undefined> {
  return Object.fromEntries(outputNames(resource).map((name) => [name, undefined]));
}
