import { token } from "../provider/model/derive";
import { UNKNOWN as UNKNOWN_SENTINEL } from "../provider/resources/unknown";

/**
 * What the report and the policy pack know about our resources: their type tokens, the
 * placeholders Pulumi prints in place of values it cannot show, and how to read a location.
 */

export const DYNAMIC_TYPE_TOKENS = {
  InboundNumber: "pulumi-nodejs:dynamic/aculab:InboundNumber",
  NumberBlock: "pulumi-nodejs:dynamic/aculab:NumberBlock",
} as const;

export const NATIVE_TYPE_TOKENS = {
  InboundNumber: token("InboundNumber"),
  NumberBlock: token("NumberBlock"),
} as const;

export type ResourceKind = keyof typeof DYNAMIC_TYPE_TOKENS;
export type ProviderFamily = "dynamic" | "native";

export interface AculabResourceType {
  kind: ResourceKind;
  family: ProviderFamily;
}

/** Recognises our resources by type token; anything else is not ours. */
export function aculabResourceType(typeToken: string | undefined): AculabResourceType | undefined {
  for (const kind of Object.keys(DYNAMIC_TYPE_TOKENS) as ResourceKind[]) {
    if (typeToken === DYNAMIC_TYPE_TOKENS[kind]) return { kind, family: "dynamic" };
    if (typeToken === NATIVE_TYPE_TOKENS[kind]) return { kind, family: "native" };
  }
  return undefined;
}

/**
 * The engine's marker for a value that is only known after apply. `pulumi preview --json`
 * prints every unknown as this string, whatever the property's type.
 */
export const UNKNOWN_PLACEHOLDER = UNKNOWN_SENTINEL;

/** What `pulumi preview --json` prints instead of a secret value. */
export const SECRET_PLACEHOLDER = "[secret]";

/** A value we cannot see: unknown until apply, or hidden because it is a secret. */
export type Hidden = { hidden: "unknown" } | { hidden: "secret" };

export const UNKNOWN: Hidden = { hidden: "unknown" };
export const SECRET: Hidden = { hidden: "secret" };

export function isHidden(value: unknown): value is Hidden {
  return typeof value === "object" && value !== null && "hidden" in value;
}

/** Turns the placeholders into explicit markers so that no code mistakes them for data. */
export function reveal(value: unknown): unknown {
  if (value === UNKNOWN_PLACEHOLDER) return UNKNOWN;
  if (value === SECRET_PLACEHOLDER) return SECRET;
  return value;
}

export function readString(value: unknown): string | Hidden | undefined {
  const v = reveal(value);
  if (isHidden(v)) return v;
  return typeof v === "string" ? v : undefined;
}

export function readNumber(value: unknown): number | Hidden | undefined {
  const v = reveal(value);
  if (isHidden(v)) return v;
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

export function readBoolean(value: unknown): boolean | Hidden | undefined {
  const v = reveal(value);
  if (isHidden(v)) return v;
  return typeof v === "boolean" ? v : undefined;
}

/** A list of numbers; a secret or unknown list is hidden as a whole, single entries too. */
export function readStringList(value: unknown): (string | Hidden)[] | Hidden | undefined {
  const v = reveal(value);
  if (isHidden(v)) return v;
  if (!Array.isArray(v)) return undefined;
  return v.map((entry) => readString(entry) ?? UNKNOWN);
}

export const DEFAULT_DID_TYPE = "geographic";

/** Where a number lives and what kind it is: what a price depends on. */
export interface Location {
  country: string | Hidden | undefined;
  state: string | Hidden | undefined;
  region: string | Hidden | undefined;
  didType: string | Hidden;
}

export function readLocation(props: Record<string, unknown>): Location {
  return {
    country: readString(props.country),
    state: readString(props.state),
    region: readString(props.region),
    // The provider fills in the default; inputs of a new resource may still omit it.
    didType: readString(props.didType) ?? DEFAULT_DID_TYPE,
  };
}

/** The resource's name: the last part of its URN (`urn:pulumi:stack::project::type::name`). */
export function nameFromUrn(urn: string): string {
  const parts = urn.split("::");
  return parts.length >= 4 ? parts.slice(3).join("::") : urn;
}

/** The type token from the URN, for steps whose states carry no `type`. */
export function typeFromUrn(urn: string): string | undefined {
  const parts = urn.split("::");
  if (parts.length < 4) return undefined;
  const qualifiedType = parts[2];
  return qualifiedType.split("$").pop();
}

/** Our input properties in the order the docs and the schema list them. */
const PROPERTY_ORDER = [
  "country",
  "state",
  "region",
  "didType",
  "number",
  "quantity",
  "regulationAddress",
  "basedOn",
  "allowLandline",
  "allowCellular",
  "allowPayphone",
  "allowPartial",
];

/**
 * The properties that force a replacement, in one fixed order. The engine's own order of
 * `replaceReasons` changes from one preview of the same change to the next (seen with Pulumi
 * v3.248.0: "country, state, region", then "state, region, country"), which would make a sticky
 * pull-request comment change when nothing did.
 */
export function orderedReasons(reasons: readonly string[] | null | undefined): string[] {
  const rank = (property: string) => {
    const position = PROPERTY_ORDER.indexOf(property);
    return position === -1 ? PROPERTY_ORDER.length : position;
  };
  return [...new Set(reasons ?? [])].sort(
    (a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0),
  );
}
