import { NumberAccount, ReleaseOutcome } from "./account";
import { callTypeFlags } from "./inputs";
import { PurchaseSettings } from "./location";

const INTERNAL = "__provider";
/** The dynamic door's own input naming the resource, which its host never tells create. */
export const RESOURCE_NAME = "__resourceName";

/**
 * The dynamic door keeps its serialized provider and the resource's name among the inputs; the
 * lifecycle never sees them as inputs.
 */
export function withoutInternal(props: Record<string, unknown>): Record<string, unknown> {
  const { [INTERNAL]: _provider, [RESOURCE_NAME]: _name, ...rest } = props;
  return rest;
}

/** How errors name a resource of the deployment, e.g. `InboundNumber "support"`. */
export function describeResource(type: string, name: string | undefined): string {
  return name === undefined ? `an ${type} of this deployment` : `${type} "${name}"`;
}

export function purchaseSettingsOf(inputs: PurchaseSettings): PurchaseSettings {
  const settings: PurchaseSettings = {};
  if (inputs.regulationAddress !== undefined) settings.regulationAddress = inputs.regulationAddress;
  if (inputs.basedOn !== undefined) settings.basedOn = inputs.basedOn;
  for (const flag of callTypeFlags) if (inputs[flag] !== undefined) settings[flag] = inputs[flag];
  return settings;
}

/** The inputs a refresh hands back, so that the next diff compares like with like. */
export function pickInputs(
  props: object,
  properties: readonly string[],
  outputsOnly: readonly string[] = [],
): Record<string, unknown> {
  const values = props as Record<string, unknown>;
  const inputs: Record<string, unknown> = {};
  for (const property of properties) {
    if (!outputsOnly.includes(property) && values[property] !== undefined)
      inputs[property] = values[property];
  }
  return inputs;
}

/** A release that left numbers owned: `kept` are the numbers still owned (or not proved gone). */
export class ReleaseError extends Error {
  constructor(
    message: string,
    readonly kept: string[],
    readonly released: string[],
  ) {
    super(message);
    this.name = "ReleaseError";
  }
}

/**
 * Releases numbers bought for real; throws a ReleaseError naming each number still owned and why.
 * Already gone (0300) counts as released. Success means every number is gone from the account.
 */
export async function releaseOrExplain(
  account: NumberAccount,
  numbers: string[],
): Promise<string[]> {
  let outcome: ReleaseOutcome;
  try {
    outcome = await account.release(numbers);
  } catch (error) {
    throw new ReleaseError(
      `Releasing ${numbers.join(", ")} failed: ${error instanceof Error ? error.message : String(error)} ` +
        `They are still in state; run the same command again (releasing is safe to repeat).`,
      numbers,
      [],
    );
  }
  const kept = Object.entries(outcome.kept);
  if (kept.length === 0) return outcome.released;
  const keptNumbers = kept.map(([number]) => number);
  const released = outcome.released.length > 0 ? ` (released: ${outcome.released.join(", ")})` : "";
  if (outcome.failure !== undefined && kept.every(([, why]) => why.code === undefined)) {
    // The call as a whole failed: say which numbers are left, not only what went wrong.
    const listed = kept.some(([, why]) => why.description !== outcome.failure)
      ? " The account still lists them."
      : "";
    throw new ReleaseError(
      `Releasing ${keptNumbers.join(", ")} failed: ${outcome.failure}${listed} ` +
        `They are still in state${released}; run the same command again (releasing is safe to repeat).`,
      keptNumbers,
      outcome.released,
    );
  }
  const reasons = kept
    .map(([number, why]) =>
      why.code === undefined
        ? `${number}: ${why.description}`
        : `${number}: [${why.code}] ${why.description}`,
    )
    .join("; ");
  throw new ReleaseError(
    `Aculab tel_delete_numbers did not release ${kept.length} of ${numbers.length} number(s): ${reasons}. ` +
      `They are still owned and still in state${released}; fix the cause and run the same command again ` +
      `(releasing is safe to repeat).`,
    keptNumbers,
    outcome.released,
  );
}
