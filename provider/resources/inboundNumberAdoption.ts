import type { ListedNumber } from "../client";
import type { NumberAccount } from "./account";
import { holder } from "./inboundNumberState";
import type { InboundNumberInputs } from "./inputs";
import { describeLocation, Location, locationOf, sameLocation } from "./location";
import { spellLikeAculab } from "./preflight";

/**
 * An InboundNumber that names `number` adopts that number, one the account already owns, instead
 * of buying one: check asks whether it can, create takes it.
 */

class AdoptionError extends Error {}

/**
 * Why the number cannot be adopted, or undefined. An adoptable number's location names are brought
 * to Aculab's own spelling in `inputs` (check's inputs object), as a purchase's are, so that state
 * records Aculab's names and a later cosmetic edit is no change. The supported lists are asked only
 * when the program spells a name otherwise than the account's listing does.
 */
export async function adoptionProblem(
  account: NumberAccount,
  inputs: InboundNumberInputs & Location,
): Promise<string | undefined> {
  let listed: ListedNumber;
  try {
    listed = await findListed(account, inputs.number!, locationOf(inputs));
  } catch (error) {
    return error instanceof AdoptionError ? error.message : undefined;
  }
  const spelledOtherwise =
    listed.country !== inputs.country ||
    listed.region !== inputs.region ||
    (inputs.state !== undefined && listed.state !== inputs.state);
  if (spelledOtherwise) await spellLikeAculab(account, inputs);
  return undefined;
}

/**
 * The number `number` at `location`, claimed for the resource first: a number another resource of
 * this deployment holds is not to share. A development number is taken as named, never looked up.
 */
export async function adopt(
  account: NumberAccount,
  number: string,
  location: Location,
  name?: string,
): Promise<ListedNumber> {
  account.claim([number], holder(name));
  try {
    return account.development
      ? { number, ...location, monthlyPrice: 0, purchased: new Date().toISOString().slice(0, 10) }
      : { ...(await findListed(account, number, location)), ...location };
  } catch (error) {
    account.unclaim([number], holder(name));
    throw error;
  }
}

/** The account's listing of a number the account owns at `location`, or an AdoptionError. */
export async function findListed(
  account: NumberAccount,
  number: string,
  location: Location,
): Promise<ListedNumber> {
  const { listed, unlisted } = await account.lookUp([number]);
  const owned = listed[number];
  if (owned && sameLocation(owned, location)) return owned;
  if (owned) {
    throw new AdoptionError(
      `number ${number} is owned by the account but is in ${describeLocation(owned)}, not ${describeLocation(location)}: ` +
        `set country, state, region and didType to match it`,
    );
  }
  if (unlisted.includes(number)) {
    throw new AdoptionError(
      `number ${number} was bought moments ago by another resource of this deployment and is not listed yet, so ` +
        `it cannot be adopted: one number belongs to one resource`,
    );
  }
  throw new AdoptionError(
    `number ${number} is not owned by this Aculab account, so it cannot be adopted: ` +
      `adopt only a number that listNumbers() returns, or remove \`number\` to buy a new one`,
  );
}
