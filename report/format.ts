import { Hidden, isHidden, Location } from "./resources";

/** How values we cannot see read in the report. */
export const KNOWN_AFTER_APPLY = "known after apply";
export const SECRET_TEXT = "[secret]";

export function shown(value: string | number | Hidden): string {
  if (!isHidden(value)) return String(value);
  return value.hidden === "unknown" ? KNOWN_AFTER_APPLY : SECRET_TEXT;
}

export function usd(amount: number): string {
  const cents = Math.round(Math.abs(amount) * 100) / 100;
  return `${amount < 0 && cents !== 0 ? "-" : ""}$${cents.toFixed(2)}`;
}

export const roundToCents = (amount: number) => Math.round(amount * 100) / 100;

/** "United Kingdom, Milton Keynes": the location fields that are set, in order of size. */
export function locationText(location: Location): string {
  const parts = [location.country, location.state, location.region].filter(
    (part): part is string | Hidden => part !== undefined,
  );
  return parts.length === 0 ? "unspecified" : parts.map(shown).join(", ");
}
