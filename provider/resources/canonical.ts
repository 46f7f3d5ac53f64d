/**
 * A place's identity: when two spellings of a location name are the same place. Aculab lists its
 * own spelling (tel_get_supported_countries / states / regions); a program may differ from it in
 * case and spacing, in Unicode form, or by writing a character as the `\uXXXX` escape the Aculab
 * reference itself writes ("M\u00f6nchengladbach", which Aculab buys by, since it is exactly what
 * goes on the wire). Such a cosmetic edit must never look like a change of location, which would
 * replace the number and so release it.
 *
 * placeKey is the one function that says so. This module has no imports: the diff
 * (provider/resources/diff.ts), check (inputs.ts, preflight.ts, the adoption's location match in
 * location.ts), the pull-request report and policy pack (report/prices.ts) and the account audit
 * (audit/adopt.ts) all compare through it, so they agree on what is a change.
 */

/** The properties whose values are Aculab location names. */
export const locationNameProperties: readonly string[] = ["country", "state", "region"];

const ESCAPE = /\\u([0-9a-fA-F]{4})/g;

/**
 * The text with each `\uXXXX` escape (the reference's spelling of a non-ASCII character, any hex
 * case) replaced by its UTF-16 code unit: a character beyond U+FFFF is two escapes, a surrogate
 * pair, and comes out whole. Anything else, a malformed escape included, is kept as written.
 */
export function decodeUnicodeEscapes(name: string): string {
  return name.replace(ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * How check records a name: escapes decoded, surrounding spaces dropped. Aculab receives exactly
 * what it received for the name as written (the client escapes every non-ASCII character again),
 * so this changes no purchase; state then holds the character, as Aculab's listing does.
 */
export function placeSpelling(name: string): string {
  return decodeUnicodeEscapes(name).trim();
}

/**
 * A place's identity: escapes decoded, NFC, lower case, each run of white space one space, none
 * around. Two names are the same place exactly when their keys are equal. Accents and letters
 * still count: "Malmo" is not "Malmö", and "Malm ö" is neither.
 */
export function placeKey(name: string): string {
  return decodeUnicodeEscapes(name)
    .normalize("NFC")
    .toLowerCase()
    .normalize("NFC")
    .replace(/\s+/g, " ")
    .trim();
}

export function samePlace(a: string, b: string): boolean {
  return placeKey(a) === placeKey(b);
}

/**
 * A looser match than identity, for one question only: whether the place the account's listing
 * gives for a number the program adopts is the place the program names. The listing may spell a
 * name without (or with other) accents; the number, not the name, says which number is adopted,
 * and check then writes Aculab's spelling into the inputs. Never used to decide a change.
 */
export function placeKeyWithoutAccents(name: string): string {
  return placeKey(name).normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC");
}

/** Aculab's own spelling of `name` among the names it lists, or undefined when it lists none such. */
export function aculabSpelling(name: string, listed: readonly string[]): string | undefined {
  if (listed.includes(name)) return name;
  const key = placeKey(name);
  return listed.find((candidate) => placeKey(candidate) === key);
}
