import { AculabError } from "../client";
import { NumberAccount } from "./account";
import { CheckFailure } from "./inputs";
import { Location, purchaseParams, PurchaseSettings } from "./location";
import { closestNames } from "./suggest";

const wireProperties: Array<[string, string]> = [
  ["regulation_address", "regulationAddress"],
  ["based_on", "basedOn"],
  ["allow_landline", "allowLandline"],
  ["allow_cellular", "allowCellular"],
  ["allow_payphone", "allowPayphone"],
  ["did_type", "didType"],
  ["state", "state"],
  ["country", "country"],
  ["region", "region"],
];

const dryRuns = new WeakMap<NumberAccount, Map<string, Promise<CheckFailure[]>>>();

/**
 * Asks the account, at preview time, whether a purchase with these inputs would go through:
 * tel_purchase_development validates exactly like tel_purchase and costs nothing. Resources with
 * the same inputs share one call. Failures to reach Aculab are not check failures: create will
 * report them with more context.
 */
export function preflightPurchase(
  account: NumberAccount,
  location: Location,
  settings: PurchaseSettings,
): Promise<CheckFailure[]> {
  const params = purchaseParams(location, settings, 1, false);
  const key = JSON.stringify(params);
  const cache = dryRuns.get(account) ?? new Map<string, Promise<CheckFailure[]>>();
  dryRuns.set(account, cache);
  let result = cache.get(key);
  if (!result) {
    result = account.client.purchaseNumbersDevelopment(params).then(
      () => [],
      (error) => explainRejection(account, location, settings, error),
    );
    cache.set(key, result);
  }
  return result;
}

async function explainRejection(
  account: NumberAccount,
  location: Location,
  settings: PurchaseSettings,
  error: unknown,
): Promise<CheckFailure[]> {
  if (!(error instanceof AculabError) || error.outcome !== "rejected") return [];
  if (error.status === 401) throw error;
  // Only a validation answer (HTTP 400) judges the inputs; a 429 says "later", not "wrong".
  if (error.status !== 400) return [];
  const aculabSays = `Aculab says [${error.code}] ${error.text}`;
  if (error.code === "0005" || error.code === "0006") {
    const fitting = await regulationAddressesFor(account, location.country);
    const offer = fitting.length
      ? `set regulationAddress to one registered for ${location.country}: ${fitting.map((n) => `"${n}"`).join(", ")}`
      : `register an address for ${location.country} in the Aculab Cloud console and set regulationAddress to its name`;
    const problem =
      error.code === "0005"
        ? `${location.country} requires a regulation address`
        : `regulation address "${settings.regulationAddress}" does not fit a number in ${location.country}`;
    return [{ property: "regulationAddress", reason: `${problem}: ${offer} (${aculabSays})` }];
  }
  const regions = await account.client
    .getSupportedRegions({
      country: location.country,
      state: location.state,
      didType: location.didType,
    })
    .catch(() => undefined);
  if (regions && regions.length > 0 && !regions.includes(location.region)) {
    return [
      {
        property: "region",
        reason:
          `"${location.region}" is not a supported ${location.didType} region of ${location.country}` +
          `${location.state ? `, ${location.state}` : ""}: did you mean ` +
          `${closestNames(location.region, regions)
            .map((n) => `"${n}"`)
            .join(", ")}? ` +
          `getSupportedRegions lists them all (${aculabSays})`,
      },
    ];
  }
  const text = error.text.toLowerCase();
  // Aculab quotes the value it refuses ("Inbound service 'x' does not exist"): that names the input
  // even when the text does not name the parameter.
  const given: Record<string, unknown> = { ...location, ...settings };
  const quoted = ["basedOn", "regulationAddress", "state", "region", "country"].find(
    (name) => typeof given[name] === "string" && error.text.includes(`'${given[name]}'`),
  );
  const property =
    quoted ??
    wireProperties.find(
      ([wire]) => text.includes(wire) || text.includes(wire.replace("_", " ")),
    )?.[1];
  return [
    {
      property: property ?? "region",
      reason: `Aculab would refuse to buy this number: ${aculabSays}`,
    },
  ];
}

async function regulationAddressesFor(account: NumberAccount, country: string): Promise<string[]> {
  const addresses = await account.client.listRegulationAddresses().catch(() => ({}));
  return Object.entries(addresses)
    .filter(([, address]) => address.country === country)
    .map(([name]) => name);
}
