/**
 * Whether check's inputs equal the ones the engine recorded for the resource (check's `olds`),
 * property by property over the resource's inputs. Such a resource is neither created nor
 * replaced (diff finds no change), so check asks Aculab nothing: its dry run or adoption lookup
 * answered when these inputs were first checked. A preview or `pulumi up` of an unchanged stack
 * therefore makes no request at all: the engine checks resources one at a time, so a dry run each
 * would add up.
 */
export function unchangedInputs(
  olds: Record<string, unknown> | undefined,
  inputs: object,
  properties: readonly string[],
): boolean {
  if (olds === undefined || isNewResource(olds)) return false;
  const news = inputs as Record<string, unknown>;
  return properties.every((p) => JSON.stringify(olds[p]) === JSON.stringify(news[p]));
}

/** Check's `olds` of a resource the engine has not recorded: its create follows a passed check. */
export function isNewResource(olds: Record<string, unknown> | undefined): boolean {
  return olds === undefined || Object.keys(olds).length === 0;
}
