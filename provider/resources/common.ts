import { NumberAccount, ReleaseOutcome } from "./account";
import { callTypeFlags } from "./inputs";
import { PurchaseSettings } from "./location";

const INTERNAL = "__provider";

/** The dynamic door keeps its serialized provider among the inputs; the lifecycle never sees it. */
export function withoutInternal(props: Record<string, unknown>): Record<string, unknown> {
  const { [INTERNAL]: _provider, ...rest } = props;
  return rest;
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

/** Releases numbers; throws naming each number Aculab kept and why. Already gone counts as released. */
export async function releaseOrExplain(
  account: NumberAccount,
  numbers: string[],
): Promise<string[]> {
  let outcome: ReleaseOutcome;
  try {
    outcome = await account.release(numbers);
  } catch (error) {
    // The call as a whole failed: say which numbers are left, not only what went wrong.
    throw new Error(
      `Releasing ${numbers.join(", ")} failed: ${error instanceof Error ? error.message : String(error)} ` +
        `They are still in state; run the same command again (releasing is safe to repeat).`,
    );
  }
  const kept = Object.entries(outcome.kept);
  if (kept.length > 0) {
    const reasons = kept
      .map(([number, why]) => `${number}: [${why.code}] ${why.description}`)
      .join("; ");
    throw new Error(
      `Aculab tel_delete_numbers did not release ${kept.length} of ${numbers.length} number(s): ${reasons}. ` +
        `They are still owned and still in state; fix the cause and run the same command again (releasing is safe to repeat).`,
    );
  }
  return outcome.released;
}
