import { inputNames, type ResourceInputs, type ResourceName } from "../model";
import type { NumberAccount } from "./account";
import { purchaseSettingsOf } from "./common";
import { CheckedInputs, CheckFailure, checkInputs } from "./inputs";
import type { Location, PurchaseSettings } from "./location";
import type { Props } from "./lifecycle";
import { preflightPurchase } from "./preflight";
import type { ResourceContext } from "./resourceContext";
import { isUnknown } from "./unknown";
import { isNewResource, unchangedInputs } from "./unchanged";

/** What a resource asks Aculab about inputs already valid: failures, none when they can be had. */
export type Verify<R extends ResourceName> = (
  account: NumberAccount,
  inputs: ResourceInputs<R>,
  olds?: Props,
) => Promise<CheckFailure[]>;

/**
 * The check every resource shares: the model's validation (inputs.ts), then the resource's own
 * question to Aculab, asked only of inputs that are valid and known, with an account to ask, and
 * changed since the engine recorded them (unchanged.ts). `olds`: the recorded inputs, if any.
 */
export async function checkResource<R extends ResourceName>(
  resource: R,
  context: ResourceContext,
  news: Props,
  olds: Props | undefined,
  verify: Verify<R>,
): Promise<CheckedInputs<ResourceInputs<R>>> {
  const checked = checkInputs(resource, news);
  const account = context.accountIfConfigured();
  const inputs = checked.inputs;
  if (checked.failures.length > 0 || !account || Object.values(inputs).some(isUnknown))
    return checked;
  if (unchangedInputs(olds, inputs, inputNames(resource))) return checked;
  checked.failures.push(...(await verify(account, inputs, olds)));
  return checked;
}

/** Either resource's checked inputs: where to buy and how. */
type PurchaseInputs = PurchaseSettings & Omit<Location, "didType"> & Partial<Location>;

/**
 * Whether Aculab would sell numbers with these inputs (preflight.ts: a free dry run). A resource
 * the engine will create next tells the account a purchase is coming, so that it gathers the
 * purchases of one deployment into one call per location.
 */
export async function verifyPurchase(
  account: NumberAccount,
  inputs: PurchaseInputs,
  olds?: Props,
): Promise<CheckFailure[]> {
  // Check has filled in didType's default.
  const failures = await preflightPurchase(account, inputs as Location, purchaseSettingsOf(inputs));
  if (failures.length === 0 && isNewResource(olds)) account.announcePurchase();
  return failures;
}
