import { roundToCents } from "./format";
import { PreviewDocument, PreviewStep, ResourceState } from "./parse";
import { knownNumbers, NumberHolder, SharedNumber, sharedNumbers } from "./holders";
import { lookupMonthlyPrice, PriceTable } from "./prices";
import {
  aculabResourceType,
  Hidden,
  isHidden,
  Location,
  nameFromUrn,
  orderedReasons,
  ProviderFamily,
  readLocation,
  readNumber,
  readString,
  readStringList,
  ResourceKind,
  SECRET,
  typeFromUrn,
  UNKNOWN,
} from "./resources";

/** One of our resources, as a step names it. */
export interface ResourceRef {
  urn: string;
  name: string;
  kind: ResourceKind;
  family: ProviderFamily;
}

export interface Resize {
  from: number;
  to: number;
}

export interface Purchase extends ResourceRef {
  reason: "create" | "replace" | "grow";
  replaceReasons: string[];
  location: Location;
  /** Hidden when the quantity is only known after apply. */
  count: number | Hidden;
  resize?: Resize;
  /** From the price table; undefined when the table has no price for this location. */
  unitMonthlyPrice: number | undefined;
  monthlyCost: number | undefined;
}

export interface Release extends ResourceRef {
  reason: "delete" | "replace" | "shrink";
  replaceReasons: string[];
  /** One entry per released number; secret ones are hidden. */
  numbers: (string | Hidden)[];
  resize?: Resize;
  /** From the monthlyPrice in state; undefined when state does not show it. */
  monthlyCost: number | undefined;
}

/** A block whose new quantity is only known after apply: it may buy or release numbers. */
export interface UnknownResize extends ResourceRef {
  from: number | undefined;
}

/** An InboundNumber that takes over an existing number: nothing is bought. */
export interface Adoption extends ResourceRef {
  number: string | Hidden;
}

export interface Plan {
  purchases: Purchase[];
  releases: Release[];
  unknownResizes: UnknownResize[];
  adoptions: Adoption[];
  updatedInPlace: ResourceRef[];
  unchanged: ResourceRef[];
  unchangedNumberCount: number;
  /** Unchanged resources Pulumi left out of the JSON (it lists `same` steps only with --show-sames). */
  unlistedUnchangedCount: number;
  /** Purchases minus releases per month, or undefined when any price involved is unknown. */
  monthlyCostDelta: number | undefined;
  /** Numbers that more than one resource would hold after the deployment. */
  sharedNumbers: SharedNumber[];
}

function sum(values: (number | undefined)[]): number | undefined {
  let total = 0;
  for (const value of values) {
    if (value === undefined) return undefined;
    total += value;
  }
  return total;
}

/** New side of a step: inputs say what the program asks for; outputs fill what inputs omit. */
const desiredProps = (state: ResourceState | null | undefined): Record<string, unknown> => ({
  ...(state?.outputs ?? {}),
  ...(state?.inputs ?? {}),
});

/** Old side of a step: outputs are what the provider recorded, the authority on what exists. */
const recordedProps = (state: ResourceState | null | undefined): Record<string, unknown> => ({
  ...(state?.inputs ?? {}),
  ...(state?.outputs ?? {}),
});

/** The numbers a resource holds according to its state, newest last. */
function heldNumbers(ref: ResourceRef, props: Record<string, unknown>): (string | Hidden)[] {
  if (ref.kind === "InboundNumber") {
    return [readString(props.number) ?? UNKNOWN];
  }
  const numbers = readStringList(props.numbers);
  if (Array.isArray(numbers)) return numbers;
  const quantity = readNumber(props.quantity);
  // A secret list still holds `quantity` numbers; we just cannot name them.
  return typeof quantity === "number" ? Array<Hidden>(quantity).fill(SECRET) : [SECRET];
}

/** Price of the numbers released from a resource, derived from the monthlyPrice in its state. */
function releasedCost(props: Record<string, unknown>, held: number, released: number) {
  const monthlyPrice = readNumber(props.monthlyPrice);
  if (typeof monthlyPrice !== "number" || held === 0) return undefined;
  // A block records one total; its numbers are priced alike, so each costs the average.
  return (monthlyPrice / held) * released;
}

function purchase(
  ref: ResourceRef,
  props: Record<string, unknown>,
  count: number | Hidden,
  prices: PriceTable | undefined,
  details: Pick<Purchase, "reason" | "replaceReasons" | "resize">,
): Purchase {
  const location = readLocation(props);
  const unitMonthlyPrice = prices ? lookupMonthlyPrice(prices, location) : undefined;
  const monthlyCost =
    unitMonthlyPrice !== undefined && typeof count === "number"
      ? unitMonthlyPrice * count
      : undefined;
  return { ...ref, ...details, location, count, unitMonthlyPrice, monthlyCost };
}

function releaseAll(
  ref: ResourceRef,
  oldState: ResourceState | null | undefined,
  details: Pick<Release, "reason" | "replaceReasons">,
): Release {
  const props = recordedProps(oldState);
  const numbers = heldNumbers(ref, props);
  const monthlyCost = releasedCost(props, numbers.length, numbers.length);
  return { ...ref, ...details, numbers, monthlyCost };
}

/** What building the new side of a create or replacement buys (or adopts). */
function acquire(
  ref: ResourceRef,
  newState: ResourceState | null | undefined,
  prices: PriceTable | undefined,
  details: Pick<Purchase, "reason" | "replaceReasons">,
  plan: Plan,
) {
  const props = desiredProps(newState);
  if (ref.kind === "InboundNumber") {
    // Only the program's inputs ask to adopt. A `number` among the outputs alone is the
    // provider's: unknown (it will buy one), or carried over from the number a replacement
    // releases. Either way a number is bought, and the report must say so.
    const adopted = readString(newState?.inputs?.number);
    if (adopted !== undefined) {
      plan.adoptions.push({ ...ref, number: adopted });
      return;
    }
    plan.purchases.push(purchase(ref, props, 1, prices, details));
    return;
  }
  const quantity = readNumber(props.quantity);
  plan.purchases.push(purchase(ref, props, quantity ?? UNKNOWN, prices, details));
}

function resizeBlock(
  ref: ResourceRef,
  step: PreviewStep,
  prices: PriceTable | undefined,
  plan: Plan,
) {
  const oldProps = recordedProps(step.oldState);
  const newProps = desiredProps(step.newState);
  const held = heldNumbers(ref, oldProps);
  const to = readNumber(step.newState?.inputs?.quantity ?? newProps.quantity);
  if (to === undefined || isHidden(to)) {
    plan.unknownResizes.push({ ...ref, from: held.length });
    return;
  }
  const from = held.length;
  if (to > from) {
    plan.purchases.push(
      purchase(ref, newProps, to - from, prices, {
        reason: "grow",
        replaceReasons: [],
        resize: { from, to },
      }),
    );
  } else if (to < from) {
    // The provider releases the newest numbers: the last ones of `numbers`.
    const numbers = held.slice(to);
    plan.releases.push({
      ...ref,
      reason: "shrink",
      replaceReasons: [],
      numbers,
      resize: { from, to },
      monthlyCost: releasedCost(oldProps, from, numbers.length),
    });
  } else {
    plan.updatedInPlace.push(ref);
  }
}

/**
 * The numbers a step leaves with the resource, and those it releases, as far as preview JSON
 * shows them. Both count as held: a number this change releases must not be another's.
 */
function numbersTouched(ref: ResourceRef, step: PreviewStep): string[] {
  const old = () => knownNumbers(ref.kind, recordedProps(step.oldState));
  // A new number is unknown until bought; only an adopted one (named in inputs) is known.
  const adopted = () =>
    ref.kind === "InboundNumber" ? knownNumbers(ref.kind, step.newState?.inputs ?? {}) : [];
  switch (step.op) {
    case "create":
    case "create-replacement":
      return adopted();
    case "replace":
      return [...adopted(), ...old()];
    case "delete":
    case "delete-replaced":
      return old();
    case "update":
    case "same":
    case "read":
    case "refresh":
      // An update keeps an InboundNumber's number, and a block keeps (or releases) its own.
      return knownNumbers(ref.kind, recordedProps(step.oldState ?? step.newState));
    default:
      return [];
  }
}

function resourceRef(step: PreviewStep): ResourceRef | undefined {
  const type = step.newState?.type ?? step.oldState?.type ?? typeFromUrn(step.urn);
  const recognised = aculabResourceType(type);
  if (!recognised) return undefined;
  return { urn: step.urn, name: nameFromUrn(step.urn), ...recognised };
}

export function planFromPreview(preview: PreviewDocument, prices: PriceTable | undefined): Plan {
  const plan: Plan = {
    purchases: [],
    releases: [],
    unknownResizes: [],
    adoptions: [],
    updatedInPlace: [],
    unchanged: [],
    unchangedNumberCount: 0,
    unlistedUnchangedCount: 0,
    monthlyCostDelta: undefined,
    sharedNumbers: [],
  };
  const steps = preview.steps ?? [];
  const holders: NumberHolder[] = [];
  // With --show-replacement-steps Pulumi also lists the two halves of a replacement; count
  // them once, from the halves, which carry the old and the new state separately.
  const urnsWithReplacementHalves = new Set(
    steps
      .filter((step) => step.op === "create-replacement" || step.op === "delete-replaced")
      .map((step) => step.urn),
  );
  // Pulumi gives replaceReasons to the replace and create-replacement steps only: the
  // delete-replaced half releases the old numbers for the same reasons.
  const replaceReasonsByUrn = new Map(
    steps
      .filter((step) => step.op === "replace" || step.op === "create-replacement")
      .map((step) => [step.urn, orderedReasons(step.replaceReasons)] as const),
  );

  for (const step of steps) {
    const ref = resourceRef(step);
    if (!ref) continue;
    const replaceReasons = orderedReasons(step.replaceReasons);
    if (!(step.op === "replace" && urnsWithReplacementHalves.has(step.urn))) {
      holders.push({
        urn: ref.urn,
        name: ref.name,
        kind: ref.kind,
        numbers: numbersTouched(ref, step),
      });
    }
    switch (step.op) {
      case "create":
        acquire(ref, step.newState, prices, { reason: "create", replaceReasons }, plan);
        break;
      case "replace":
        if (urnsWithReplacementHalves.has(step.urn)) break;
        plan.releases.push(releaseAll(ref, step.oldState, { reason: "replace", replaceReasons }));
        acquire(ref, step.newState, prices, { reason: "replace", replaceReasons }, plan);
        break;
      case "create-replacement":
        acquire(ref, step.newState, prices, { reason: "replace", replaceReasons }, plan);
        break;
      case "delete-replaced":
        plan.releases.push(
          releaseAll(ref, step.oldState, {
            reason: "replace",
            replaceReasons: replaceReasonsByUrn.get(step.urn) ?? replaceReasons,
          }),
        );
        break;
      case "delete":
        plan.releases.push(
          releaseAll(ref, step.oldState, { reason: "delete", replaceReasons: [] }),
        );
        break;
      case "update":
        if (ref.kind === "NumberBlock") resizeBlock(ref, step, prices, plan);
        else plan.updatedInPlace.push(ref);
        break;
      case "same":
        plan.unchanged.push(ref);
        plan.unchangedNumberCount += heldNumbers(
          ref,
          recordedProps(step.oldState ?? step.newState),
        ).length;
        break;
      default:
        // read, import, refresh and discard steps neither buy nor release numbers.
        break;
    }
  }

  plan.sharedNumbers = sharedNumbers(holders);

  const listedSame = steps.filter((step) => step.op === "same").length;
  plan.unlistedUnchangedCount = Math.max(0, (preview.changeSummary?.same ?? 0) - listedSame);

  const bought = sum(plan.purchases.map((p) => p.monthlyCost));
  const released = sum(plan.releases.map((r) => r.monthlyCost));
  plan.monthlyCostDelta =
    bought === undefined || released === undefined || plan.unknownResizes.length > 0
      ? undefined
      : roundToCents(bought - released);
  return plan;
}

/** Every number the plan releases, in report order. */
export const releasedNumbers = (plan: Plan) => plan.releases.flatMap((r) => r.numbers);

/** Total numbers bought, or undefined when a count is only known after apply. */
export function purchasedCount(plan: Plan): number | undefined {
  if (plan.unknownResizes.length > 0) return undefined;
  return sum(plan.purchases.map((p) => (typeof p.count === "number" ? p.count : undefined)));
}

/** Total numbers released, or undefined when a resize might release an unknown number of them. */
export function releasedCount(plan: Plan): number | undefined {
  return plan.unknownResizes.length > 0 ? undefined : releasedNumbers(plan).length;
}

/** Whether the plan releases, or might release, any number. */
export const mayRelease = (plan: Plan) =>
  plan.releases.length > 0 || plan.unknownResizes.length > 0;
