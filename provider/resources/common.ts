import { errorMessage } from "../../common/errorMessage";
import { NumberAccount } from "./account";
import { ReleaseOutcome } from "./releaseQueue";
import { callTypeFlags } from "./inputs";
import { PurchaseSettings } from "./location";

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

/**
 * The inputs among a resource's properties (`properties`: the model's), and nothing else: not
 * what check notes beside them (shrink.ts), nor outputs. A refresh hands them back, so that the
 * next diff compares like with like.
 */
export function pickInputs(props: object, properties: readonly string[]): Record<string, unknown> {
  const values = props as Record<string, unknown>;
  const inputs: Record<string, unknown> = {};
  for (const property of properties) {
    if (values[property] !== undefined) inputs[property] = values[property];
  }
  return inputs;
}

/** A release that left numbers owned: `kept` are the numbers still owned (or not proved gone). */
export class ReleaseError extends Error {
  constructor(
    message: string,
    readonly kept: string[],
    readonly released: string[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ReleaseError";
  }
}

export interface ReleaseOptions {
  /**
   * The resource releasing the numbers, when it may itself have adopted them in this process (a
   * block's update). A delete passes none: the engine never deletes a resource it created in the
   * same deployment, so a number adopted in this process is always another resource's.
   */
  releaser?: string;
  /** Where to say that a number was left to the resource that holds it now. */
  warn: (message: string) => void;
}

/** The numbers another resource of this deployment adopted in this process: never to release. */
function adoptedByOthers(account: NumberAccount, numbers: string[], releaser?: string) {
  const held: Array<[string, string]> = [];
  for (const n of numbers) {
    const holder = account.adoptedHere(n);
    if (holder !== undefined && holder !== releaser) held.push([n, holder]);
  }
  return held;
}

/**
 * Releases numbers bought for real; throws a ReleaseError naming each number still owned and why.
 * Already gone (0300) counts as released. Success means every number is gone from the account,
 * or (never released) held by another resource of this deployment that adopted it in this run:
 * the old name of a renamed adopter, or an adopter replaced by one adopting the same number, must
 * not take the number from its new holder. Returns the numbers that left this resource.
 */
export async function releaseOrExplain(
  account: NumberAccount,
  numbers: string[],
  options: ReleaseOptions,
): Promise<string[]> {
  const handed = leaveToAdopters(account, numbers, options);
  const toRelease = numbers.filter((n) => !handed.includes(n));
  if (toRelease.length === 0) return handed;
  let outcome: ReleaseOutcome;
  try {
    outcome = await account.release(toRelease);
  } catch (error) {
    throw new ReleaseError(
      `Releasing ${toRelease.join(", ")} failed: ${errorMessage(error)} ` +
        `They are still in state; run the same command again (releasing is safe to repeat).`,
      toRelease,
      [],
      { cause: error },
    );
  }
  if (Object.keys(outcome.kept).length === 0) return [...handed, ...outcome.released];
  throw keptError(outcome, toRelease, handed);
}

/** The numbers another resource adopted in this run, each said to be left to it. */
function leaveToAdopters(
  account: NumberAccount,
  numbers: string[],
  options: ReleaseOptions,
): string[] {
  const handedOver = adoptedByOthers(account, numbers, options.releaser);
  if (handedOver.length > 0) {
    for (const [number, holder] of handedOver) {
      options.warn(
        `aculab: number ${number} was not released: ${holder} adopted it in this deployment and holds it now, ` +
          `so ${options.releaser ?? "the resource being deleted"} leaves it to that resource (the account keeps it).`,
      );
    }
  }
  return handedOver.map(([number]) => number);
}

/** The error of a release that left numbers owned: which, and why. */
function keptError(outcome: ReleaseOutcome, toRelease: string[], handed: string[]): ReleaseError {
  const kept = Object.entries(outcome.kept);
  const keptNumbers = kept.map(([number]) => number);
  const left = [...handed, ...outcome.released];
  const released = outcome.released.length > 0 ? ` (released: ${outcome.released.join(", ")})` : "";
  const cause = outcome.cause === undefined ? undefined : { cause: outcome.cause };
  if (outcome.failure !== undefined && kept.every(([, why]) => why.code === undefined)) {
    // The call as a whole failed: say which numbers are left, not only what went wrong.
    const listed = kept.some(([, why]) => why.description !== outcome.failure)
      ? " The account still lists them."
      : "";
    return new ReleaseError(
      `Releasing ${keptNumbers.join(", ")} failed: ${outcome.failure}${listed} ` +
        `They are still in state${released}; run the same command again (releasing is safe to repeat).`,
      keptNumbers,
      left,
      cause,
    );
  }
  const reasons = kept
    .map(([number, why]) =>
      why.code === undefined
        ? `${number}: ${why.description}`
        : `${number}: [${why.code}] ${why.description}`,
    )
    .join("; ");
  return new ReleaseError(
    `Aculab tel_delete_numbers did not release ${kept.length} of ${toRelease.length} number(s): ${reasons}. ` +
      `They are still owned and still in state${released}; fix the cause and run the same command again ` +
      `(releasing is safe to repeat).`,
    keptNumbers,
    left,
    cause,
  );
}
