/**
 * The dynamic door's own keys among a resource's properties. The door takes them out before it
 * hands properties to a lifecycle (host.ts), so provider/resources never sees them. A leaf module:
 * the program process loads it with the resource classes.
 */

/** Where a dynamic resource keeps its serialized provider, among its inputs and outputs. */
export const PROVIDER_KEY = "__provider";

/**
 * The resource's name, which the program's resource class adds to its inputs: the host hands
 * create and update only the inputs, and errors must say which resource they are about.
 */
export const RESOURCE_NAME = "__resourceName";

/** The properties without the door's own keys: what a lifecycle is handed. */
export function withoutDoorKeys(props: Record<string, unknown>): Record<string, unknown> {
  const { [PROVIDER_KEY]: _provider, [RESOURCE_NAME]: _name, ...rest } = props;
  return rest;
}

/** The resource's name, when the program's resource class recorded it among `props`. */
export function resourceNameOf(props: Record<string, unknown>): string | undefined {
  const name = props[RESOURCE_NAME];
  return typeof name === "string" ? name : undefined;
}
