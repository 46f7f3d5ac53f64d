import { isUnknown } from "./unknown";

/**
 * How a NumberBlock's shrink reaches the policy pack. Pulumi never shows a policy a resource's old
 * state: a resource policy sees the inputs check returns, and a stack policy during preview sees,
 * for a resource being updated, those same inputs in place of its outputs (neither front door
 * supports provider previews). A shrink releases numbers in place, which `protect` does not stop,
 * so check records among a block's inputs the quantity its recorded inputs asked for, when the
 * program now asks for fewer (or for a quantity only known after apply):
 * policy/noReleaseWithoutApproval.ts reads it.
 *
 * It is internal, like the dynamic door's `__provider`: outputs never carry it (blockOutputs),
 * diff compares the model's inputs only, and the next check drops it once the quantity stops
 * falling. This module has no imports beyond the placeholder check, so the policy pack can read
 * the name without loading the provider.
 */
export const SHRINKS_FROM = "__shrinksFrom";

/**
 * The quantity `olds` (the inputs the engine recorded for the block) asked for, when `quantity`
 * (the program's, checked) is lower or not known yet; otherwise undefined. A block not recorded
 * yet (a create) has nothing to shrink from.
 */
export function shrinksFrom(
  olds: Record<string, unknown> | undefined,
  quantity: unknown,
): number | undefined {
  const before = olds?.quantity;
  if (typeof before !== "number" || !Number.isFinite(before) || before < 1) return undefined;
  if (isUnknown(quantity)) return before;
  return typeof quantity === "number" && quantity < before ? before : undefined;
}
