// Questions about what can be bought, answered from the inventory. Shared by the purchase
// services (which must reject what does not exist) and the tel_get_supported_* services
// (which list what does), so both always agree.

import { malformed, missing } from "./errors";
import { INVENTORY, type InventoryCountry, type InventoryRegion } from "./inventory";
import type { DidType } from "./types";

export function findCountry(name: string): InventoryCountry {
  const country = INVENTORY.find((c) => c.name === name);
  if (!country) throw malformed(`Country '${name}' is not supported`);
  return country;
}

/** A state is only meaningful for countries that have states, and must be one of them. */
export function checkState(country: InventoryCountry, state: string | undefined): void {
  if (state === undefined) return;
  if (!country.states) throw malformed(`${country.name} has no states; do not give 'state'`);
  if (!country.states.includes(state)) {
    throw malformed(`State '${state}' is not supported in ${country.name}`);
  }
}

/**
 * Finds the region a purchase names. In a country with states, state-bound regions need the
 * state, while nationwide ones (toll-free prefixes) are found without it.
 */
export function findRegion(
  country: InventoryCountry,
  state: string | undefined,
  didType: DidType,
  name: string,
): InventoryRegion {
  checkState(country, state);
  const candidates = country.regions.filter((r) => r.didType === didType && r.name === name);
  const found = candidates.find((r) => r.state === state);
  if (found) return found;
  if (state !== undefined) {
    throw malformed(
      `Region '${name}' is not available in ${state}, ${country.name} for ${didType} numbers`,
    );
  }
  if (country.regions.some((r) => r.didType === didType && r.state !== undefined)) {
    throw missing(`Parameter 'state' is required for ${didType} numbers in ${country.name}`);
  }
  throw malformed(`Region '${name}' is not available in ${country.name} for ${didType} numbers`);
}

/** Stable identity of a region, used to key its sales counter in the persisted state. */
export function regionKey(country: InventoryCountry, region: InventoryRegion): string {
  return [country.name, region.state ?? "", region.didType, region.name].join("|");
}

export function supportedCountries(didType: DidType): string[] {
  return INVENTORY.filter((c) => c.regions.some((r) => r.didType === didType)).map((c) => c.name);
}

export function supportedStates(countryName: string): string[] {
  return [...(findCountry(countryName).states ?? [])];
}

/** Without a state, every region of the type in the country, state-bound or nationwide. */
export function supportedRegions(
  countryName: string,
  state: string | undefined,
  didType: DidType,
): string[] {
  const country = findCountry(countryName);
  checkState(country, state);
  const names = country.regions
    .filter((r) => r.didType === didType && (state === undefined || r.state === state))
    .map((r) => r.name);
  return [...new Set(names)];
}
