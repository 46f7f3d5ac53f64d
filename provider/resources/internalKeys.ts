/**
 * The dynamic door's own keys among a resource's inputs: the lifecycle never sees them as inputs,
 * and outputs never carry them (common.ts, withoutInternal). A leaf module: the program process
 * loads it with the resource classes.
 */

/** Where a dynamic resource keeps its serialized provider, among its inputs and outputs. */
export const PROVIDER_KEY = "__provider";

/**
 * The resource's name, which the program's resource class adds to its inputs: the host hands
 * create and update only the inputs, and errors must say which resource they are about.
 */
export const RESOURCE_NAME = "__resourceName";
