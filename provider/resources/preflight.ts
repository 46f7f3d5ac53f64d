import { AculabError } from "../client";
import { toSnakeCase } from "../client/wire";
import { sharedInputNames } from "../model";
import { NumberAccount } from "./account";
import { aculabSpelling } from "./canonical";
import { CheckFailure } from "./inputs";
import { Location, locationKey, locationOf, purchaseParams, PurchaseSettings } from "./location";
import { DryRunResult } from "./preflightCache";
import { closestNames } from "./suggest";

/**
 * Looked for last in a refusal's text, in this order: the location appears in many refusals, and
 * region is where a refusal lands when nothing else matches.
 */
const SEARCHED_LAST = ["didType", "state", "country", "region"];

/** Aculab's name (tel_purchase's parameter) for each input of a purchase, in search order. */
const wireProperties: Array<[string, string]> = [...sharedInputNames]
  .sort((a, b) => SEARCHED_LAST.indexOf(a) - SEARCHED_LAST.indexOf(b))
  .map((name) => [toSnakeCase(name), name]);

/**
 * Asks the account, at preview time, whether a purchase with these inputs would go through:
 * tel_purchase_development validates exactly like tel_purchase and costs nothing. Resources with
 * the same inputs share one call. Failures to reach Aculab are not check failures: create will
 * report them with more context.
 *
 * When Aculab refuses the location as spelt, its country, state and region are looked up in
 * Aculab's own lists (cached for the provider process, see PreflightCache) and, where they name
 * the same place (canonical.ts: case, white space, Unicode form, \uXXXX escapes aside), brought to
 * Aculab's spelling and tried again. `location` is check's inputs object: the spelling Aculab
 * accepts is written into it, so that state records Aculab's names and a later cosmetic edit is no
 * change (diff.ts compares the same way).
 */
export async function preflightPurchase(
  account: NumberAccount,
  location: Location,
  settings: PurchaseSettings,
): Promise<CheckFailure[]> {
  // While a check waits for its dry run the engine generates no further step: gathered
  // purchases wait for the creates that follow (see BatchingGate).
  account.checkStarted();
  let result: DryRunResult;
  try {
    result = await dryRun(account, locationOf(location), settings);
  } finally {
    account.checkFinished();
  }
  location.country = result.location.country;
  if (location.state !== undefined && result.location.state !== undefined) {
    location.state = result.location.state;
  }
  location.region = result.location.region;
  return result.failures;
}

function dryRun(
  account: NumberAccount,
  location: Location,
  settings: PurchaseSettings,
): Promise<DryRunResult> {
  const params = purchaseParams(location, settings, 1, false);
  return account.preflightCache.dryRun(params, location, (error) =>
    afterRefusal(account, location, settings, error),
  );
}

/** Whether Aculab's answer judged the inputs: a validation refusal, not "later" or "who are you". */
function judgesInputs(error: unknown): error is AculabError {
  if (!(error instanceof AculabError) || error.outcome !== "rejected") return false;
  if (error.status === 401) throw error;
  // A 429 says "later", not "wrong"; an error carried in a 200 is a validation answer too.
  return error.status === 400 || error.status === 200;
}

async function afterRefusal(
  account: NumberAccount,
  location: Location,
  settings: PurchaseSettings,
  error: unknown,
): Promise<DryRunResult> {
  if (!judgesInputs(error)) return { failures: [], location };
  const refusesAddress = error.code === "0005" || error.code === "0006";
  if (!refusesAddress) {
    const spelt = await aculabSpellingOf(account, location);
    if (locationKey(spelt) !== locationKey(location)) return dryRun(account, spelt, settings);
  }
  return { failures: await explainRejection(account, location, settings, error), location };
}

/**
 * Brings the names of `location` (check's inputs object, written in place) to Aculab's own
 * spelling from its supported lists, where they name the same place (canonical.ts): what
 * preflightPurchase does for a purchase, for an adoption (which makes no dry run).
 */
export async function spellLikeAculab(account: NumberAccount, location: Location): Promise<void> {
  const spelt = await aculabSpellingOf(account, locationOf(location));
  location.country = spelt.country;
  if (location.state !== undefined && spelt.state !== undefined) location.state = spelt.state;
  location.region = spelt.region;
}

/**
 * The location with each name in Aculab's own spelling, from its lists. A name Aculab does not
 * list in any spelling is kept as written (the refusal then names it).
 */
async function aculabSpellingOf(account: NumberAccount, location: Location): Promise<Location> {
  const lists = account.preflightCache;
  let { country, state } = location;
  let regions = await lists.regions(country, state, location.didType);
  if (regions === undefined) {
    // The country or the state as written is refused: find Aculab's spelling of them first.
    const countries = await lists.countries(location.didType);
    country = (countries && aculabSpelling(country, countries)) ?? country;
    if (state !== undefined) {
      const states = await lists.states(country);
      state = (states && aculabSpelling(state, states)) ?? state;
    }
    if (country === location.country && state === location.state) return location;
    regions = await lists.regions(country, state, location.didType);
  }
  const region = (regions && aculabSpelling(location.region, regions)) ?? location.region;
  return { ...location, country, ...(state === undefined ? {} : { state }), region };
}

async function explainRejection(
  account: NumberAccount,
  location: Location,
  settings: PurchaseSettings,
  error: AculabError,
): Promise<CheckFailure[]> {
  const aculabSays = `Aculab says [${error.code}] ${error.text}`;
  if (error.code === "0005" || error.code === "0006") {
    return [await regulationFailure(account, location, settings, error.code, aculabSays)];
  }
  const regions = await account.preflightCache.regions(
    location.country,
    location.state,
    location.didType,
  );
  if (regions && regions.length > 0 && !regions.includes(location.region)) {
    return [regionFailure(location, regions, aculabSays)];
  }
  return [
    {
      property: refusedProperty(location, settings, error.text) ?? "region",
      reason: `Aculab would refuse to buy this number: ${aculabSays}`,
    },
  ];
}

/** A regulation address missing (0005) or not fitting the country (0006): which ones would. */
async function regulationFailure(
  account: NumberAccount,
  location: Location,
  settings: PurchaseSettings,
  code: "0005" | "0006",
  aculabSays: string,
): Promise<CheckFailure> {
  const fitting = await regulationAddressesFor(account, location.country);
  const offer = fitting.length
    ? `set regulationAddress to one registered for ${location.country}: ${fitting.map((n) => `"${n}"`).join(", ")}`
    : `register an address for ${location.country} in the Aculab Cloud console and set regulationAddress to its name`;
  const problem =
    code === "0005"
      ? `${location.country} requires a regulation address`
      : `regulation address "${settings.regulationAddress}" does not fit a number in ${location.country}`;
  return { property: "regulationAddress", reason: `${problem}: ${offer} (${aculabSays})` };
}

function regionFailure(location: Location, regions: string[], aculabSays: string): CheckFailure {
  return {
    property: "region",
    reason:
      `"${location.region}" is not a supported ${location.didType} region of ${location.country}` +
      `${location.state ? `, ${location.state}` : ""}: did you mean ` +
      `${closestNames(location.region, regions)
        .map((n) => `"${n}"`)
        .join(", ")}? ` +
      `getSupportedRegions lists them all (${aculabSays})`,
  };
}

/** The input a refusal's text names, if any. */
function refusedProperty(
  location: Location,
  settings: PurchaseSettings,
  text: string,
): string | undefined {
  // Aculab quotes the value it refuses ("Inbound service 'x' does not exist"): that names the input
  // even when the text does not name the parameter.
  const given: Record<string, unknown> = { ...location, ...settings };
  const quoted = ["basedOn", "regulationAddress", "state", "region", "country"].find(
    (name) => typeof given[name] === "string" && text.includes(`'${given[name]}'`),
  );
  const lower = text.toLowerCase();
  return (
    quoted ??
    wireProperties.find(
      ([wire]) => lower.includes(wire) || lower.includes(wire.replace("_", " ")),
    )?.[1]
  );
}

async function regulationAddressesFor(account: NumberAccount, country: string): Promise<string[]> {
  const addresses = await account.preflightCache.regulationAddresses().catch(() => ({}));
  return Object.entries(addresses)
    .filter(([, address]) => address.country === country)
    .map(([name]) => name);
}
