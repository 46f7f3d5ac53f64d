import { describeLocation, Location } from "./location";

/**
 * Reading a tel_purchase answer instead of trusting it. The reference's answers, like
 * the keys of tel_list_numbers and the entries tel_delete_numbers takes, are telephone numbers in
 * international form, digits only: "441908538007", "15873155555", and "1234567" from
 * tel_purchase_development. A number recorded in any other spelling would be missing from every
 * listing (so a refresh would drop it while the account pays for it) and would be sent as it is to
 * tel_delete_numbers. So each entry is brought to those digits, or named as unreadable.
 */

/** What the reading of an entry takes away: whitespace, dots and dashes (ASCII and typographic). */
const SEPARATORS = /[\s.\-\u2010-\u2015\u2212]/g;

/**
 * An international number (E.164): a country code, which never begins with 0, and at most 15
 * digits in all.
 */
const INTERNATIONAL = /^[1-9]\d{0,14}$/;

/** How the rule reads in errors. */
export const NUMBER_RULE =
  "digits in international form, with at most a leading + and spaces, dots or dashes";

/**
 * The digits of a telephone number as Aculab spells it in listings, or undefined when the entry
 * cannot be read as one without guessing. Read: a leading "+", and spaces, dots and dashes between
 * digits. Refused: anything else, because each would need a guess that could name another number
 * (one the account does not own, which a release would then call gone while the real one stays
 * billed): brackets ("+44 (0) 1908 538007" drops the 0, "+1 (587) 315-5555" keeps the digits), a
 * leading 0 (a national form or an international access prefix: which country is not said),
 * letters, "+" elsewhere than first, more than 15 digits.
 */
export function normaliseNumber(entry: string): string | undefined {
  const compact = entry.replace(SEPARATORS, "");
  const digits = compact.startsWith("+") ? compact.slice(1) : compact;
  return INTERNATIONAL.test(digits) ? digits : undefined;
}

export interface PurchaseAnswer {
  /** The numbers sold, as digits, each once, in the order the answer first names them. */
  numbers: string[];
  /**
   * Numbers the answer names more than once (in any spelling). Each counts once: handed to two
   * resources, or twice to one block, a number would be released by the first delete while the
   * other record still claims it, and the answer's count would hide that fewer were sold.
   */
  duplicates: string[];
  /** Entries that are no telephone number this provider can read, as the answer spelled them. */
  unreadable: string[];
}

export function readPurchaseAnswer(entries: readonly string[]): PurchaseAnswer {
  const numbers = new Set<string>();
  const duplicates = new Set<string>();
  const unreadable: string[] = [];
  for (const entry of entries) {
    const number = normaliseNumber(entry);
    if (number === undefined) unreadable.push(entry);
    else if (numbers.has(number)) duplicates.add(number);
    else numbers.add(number);
  }
  return { numbers: [...numbers], duplicates: [...duplicates], unreadable };
}

/**
 * An unreadable entry as an error quotes it. It is server text: what could be anything (letters,
 * most punctuation) is shown as "…", so that the error shows the digits a person needs to find the
 * number and never, say, a credential a misbehaving server echoed.
 */
export function quoteEntry(entry: string): string {
  const shown = entry.replace(/[^0-9+\s.\-()/]+/g, "…");
  return JSON.stringify(shown.length > 40 ? `${shown.slice(0, 40)}…` : shown);
}

const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);

/** "a", "a and b", "a, b and c". */
export function listed(items: readonly string[]): string {
  return items.length <= 1
    ? items.join("")
    : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** The inputs of an InboundNumber that adopts `number` at `location`, as TypeScript. */
function adoptingInputs(location: Location, number: string): string {
  const fields = [
    `country: ${JSON.stringify(location.country)}`,
    ...(location.state === undefined ? [] : [`state: ${JSON.stringify(location.state)}`]),
    `region: ${JSON.stringify(location.region)}`,
    ...(location.didType === "geographic" ? [] : [`didType: ${JSON.stringify(location.didType)}`]),
    `number: ${JSON.stringify(number)}`,
  ];
  return `{ ${fields.join(", ")} }`;
}

/**
 * What an error says about numbers a purchase sold, or may have sold, that no resource records:
 * `surplus`, the numbers beyond the `asked` its answer held, which the account now owns; and the
 * entries of its answer that could not be read. So the user can find each, and adopt or release
 * it. They are never released here: a release happens only when a program asks for one.
 */
export function unmanagedNote(
  location: Location,
  {
    surplus,
    asked,
    unreadable,
  }: { surplus: readonly string[]; asked: number; unreadable: readonly string[] },
): string {
  const place = describeLocation(location);
  const notes: string[] = [];
  if (surplus.length > 0) {
    const one = surplus.length === 1;
    notes.push(
      `Aculab's tel_purchase answer at ${place} held ${surplus.length} ${one ? "number" : "numbers"} more ` +
        `than the ${asked} asked for: ${listed(surplus)}. No resource records ${one ? "it" : "them"}, and the ` +
        `account now owns ${one ? "it and pays for it" : "them and pays for them"}: adopt ` +
        `${one ? "it" : "each"} with InboundNumber's \`number\` input (${one ? "" : "e.g. "}` +
        `${adoptingInputs(location, surplus[0])}), or release ${one ? "it" : "them"} by hand in the Aculab ` +
        `Cloud console; \`aculab-audit\` lists ${one ? "it" : "them"} among the unmanaged numbers.`,
    );
  }
  if (unreadable.length > 0) {
    const one = unreadable.length === 1;
    notes.push(
      `Aculab's tel_purchase answer at ${place} held ${listed(unreadable.map(quoteEntry))}, ` +
        `which ${one ? "is no telephone number" : "are no telephone numbers"} this provider can read ` +
        `(${NUMBER_RULE}), so no resource records ${one ? "it" : "them"}. The account may now own ` +
        `${one ? "a number" : "numbers"} no resource manages, and pay for ${one ? "it" : "them"}: ` +
        `find ${one ? "it" : "them"} with \`aculab-audit\` (or aculab.listNumbers at this location), then adopt ` +
        `${one ? "it" : "each"} with InboundNumber's \`number\` input, or release ${one ? "it" : "them"} by hand ` +
        `in the Aculab Cloud console.`,
    );
  }
  return notes.join(" ");
}

/** Why an answer left a resource fewer numbers than it asked for, beyond Aculab selling fewer. */
export function answerIrregularities(answer: PurchaseAnswer): string[] {
  const reasons: string[] = [];
  if (answer.duplicates.length > 0) {
    reasons.push(
      `it named ${listed(answer.duplicates)} more than once, and each number counts once`,
    );
  }
  if (answer.unreadable.length > 0) {
    const count = answer.unreadable.length;
    reasons.push(
      `${count} ${plural(count, "entry", "entries")} of it ${plural(count, "is", "are")} no telephone number`,
    );
  }
  return reasons;
}
