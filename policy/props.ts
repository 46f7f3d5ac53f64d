import { UnknownValueError } from "@pulumi/policy";
import { UNKNOWN_PLACEHOLDER } from "../report/resources";

/**
 * A plain copy of the properties a policy receives. @pulumi/policy wraps them in a proxy that
 * throws on reading a value only known after apply; we want such values as the same placeholder
 * that preview JSON prints, so that the report's readers handle both alike.
 */
export function knownProps(props: Record<string, unknown>): Record<string, unknown> {
  return copyKnown(props) as Record<string, unknown>;
}

function copyKnown(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    return Array.from({ length: value.length }, (_, index) => readKnown(value, index));
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = readKnown(value, key);
  return copy;
}

function readKnown(container: object, key: string | number): unknown {
  try {
    return copyKnown((container as Record<string | number, unknown>)[key]);
  } catch (error) {
    if (error instanceof UnknownValueError) return UNKNOWN_PLACEHOLDER;
    throw error;
  }
}
