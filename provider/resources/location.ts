import { DidType, LocationFilter, PurchaseParams } from "../client";
import { placeKeyWithoutAccents } from "./canonical";

/** Where a number is: what tel_list_numbers filters on and what a replacement changes. */
export interface Location {
  country: string;
  state?: string;
  region: string;
  didType: DidType;
}

/** Purchase-time settings that do not change which number you hold. */
export interface PurchaseSettings {
  regulationAddress?: string;
  basedOn?: string;
  allowLandline?: boolean;
  allowCellular?: boolean;
  allowPayphone?: boolean;
}

export function locationOf(source: Location): Location {
  return {
    country: source.country,
    ...(source.state === undefined ? {} : { state: source.state }),
    region: source.region,
    didType: source.didType,
  };
}

export function locationFilter(location: Location): LocationFilter {
  return locationOf(location);
}

export function locationKey(location: Location): string {
  return JSON.stringify([
    location.country,
    location.state ?? "",
    location.region,
    location.didType,
  ]);
}

export function describeLocation(location: Location): string {
  const place = [location.region, location.state, location.country].filter(Boolean).join(", ");
  return `${place} (${location.didType})`;
}

export function purchaseParams(
  location: Location,
  settings: PurchaseSettings,
  quantity: number,
  allowPartial: boolean,
): PurchaseParams {
  return {
    ...locationOf(location),
    regulationAddress: settings.regulationAddress,
    basedOn: settings.basedOn,
    quantity,
    allowPartial: allowPartial || undefined,
    allowLandline: settings.allowLandline,
    allowCellular: settings.allowCellular,
    allowPayphone: settings.allowPayphone,
  };
}

export function settingsKey(settings: PurchaseSettings): string {
  return JSON.stringify([
    settings.regulationAddress ?? "",
    settings.basedOn ?? "",
    settings.allowLandline === true,
    settings.allowCellular === true,
    settings.allowPayphone === true,
  ]);
}

const normalized = placeKeyWithoutAccents;

/**
 * Whether the location Aculab lists for a number is the one the inputs name, allowing for a
 * listing that spells names its own way (a place's identity, canonical.ts, and accents too) or
 * adds a state the inputs leave out. Only for an adoption, which names the number itself.
 */
export function sameLocation(listed: Location, wanted: Location): boolean {
  return (
    normalized(listed.country) === normalized(wanted.country) &&
    normalized(listed.region) === normalized(wanted.region) &&
    listed.didType === wanted.didType &&
    (wanted.state === undefined ||
      listed.state === undefined ||
      normalized(listed.state) === normalized(wanted.state))
  );
}
