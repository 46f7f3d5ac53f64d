import { readString, readStringList, ResourceKind } from "./resources";

/**
 * Which resources hold which numbers. A number recorded by two resources is double trouble: it is
 * counted (and budgeted) twice, and deleting or replacing either resource releases it from under
 * the other. Shared by the report and the policy pack, so that both flag the same numbers.
 */
export interface NumberHolder {
  urn: string;
  name: string;
  kind: ResourceKind;
  /** The numbers it holds that are known; unknown and secret ones cannot be compared. */
  numbers: string[];
}

export interface SharedNumber {
  number: string;
  /** Every resource that holds it, in the order they were given. */
  holders: Omit<NumberHolder, "numbers">[];
}

/** The known numbers in a resource's properties: `number` of an InboundNumber, `numbers` of a block. */
export function knownNumbers(kind: ResourceKind, props: Record<string, unknown>): string[] {
  if (kind === "InboundNumber") {
    const number = readString(props.number);
    return typeof number === "string" && number !== "" ? [number] : [];
  }
  const numbers = readStringList(props.numbers);
  return Array.isArray(numbers)
    ? numbers.filter((n): n is string => typeof n === "string" && n !== "")
    : [];
}

/** Numbers held by more than one resource (or twice by one block), in the order first seen. */
export function sharedNumbers(holders: NumberHolder[]): SharedNumber[] {
  const byNumber = new Map<string, Omit<NumberHolder, "numbers">[]>();
  for (const { numbers, ...holder } of holders) {
    for (const number of numbers) {
      const list = byNumber.get(number) ?? [];
      list.push(holder);
      byNumber.set(number, list);
    }
  }
  return [...byNumber.entries()]
    .filter(([, list]) => list.length > 1)
    .map(([number, list]) => ({ number, holders: list }));
}
