/**
 * When two spellings of a location name are the same place. Aculab lists its own spelling
 * (tel_get_supported_countries / states / regions); a program may differ from it in case and
 * surrounding spaces only, and such a cosmetic edit must never look like a change of location,
 * which would replace the number and so release it.
 *
 * This module has no imports: the diff (provider/resources/diff.ts), check's canonicalization
 * (preflight.ts) and the pull-request report and policy pack (report/prices.ts) all compare
 * through it, so they agree on what is a change.
 */

/** The properties whose values are Aculab location names. */
export const locationNameProperties: readonly string[] = ["country", "state", "region"];

/** The form two names are compared in: NFC, no surrounding spaces, lower case. */
export function locationNameKey(name: string): string {
  return name.normalize("NFC").trim().toLowerCase();
}

export function sameLocationName(a: string, b: string): boolean {
  return locationNameKey(a) === locationNameKey(b);
}

/** Aculab's own spelling of `name` among the names it lists, or undefined when it lists none such. */
export function aculabSpelling(name: string, listed: readonly string[]): string | undefined {
  if (listed.includes(name)) return name;
  const key = locationNameKey(name);
  return listed.find((candidate) => locationNameKey(candidate) === key);
}
