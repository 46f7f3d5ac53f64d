import type { ListedNumber, ListedNumbers } from "../provider/client";
import { roundToCents } from "../report/format";
import { aculabResourceType, ResourceKind } from "../report/resources";
import { SECRET_SIGNATURE, SECRET_SIGNATURE_KEY } from "../provider/plugin/secrets";

/**
 * The audit's core: which numbers the account pays for that no stack manages, which numbers a
 * stack holds that the account no longer owns, which are held twice, and which are development
 * numbers that were never bought. Pure: the listing and the stack exports are handed in.
 */

/** One of our resources in a `pulumi stack export`, and the numbers it records. */
export interface Holding {
  urn: string;
  type: string;
  kind: ResourceKind;
  numbers: string[];
  /** Recorded in development mode (outputs.development: true): made up, never bought. */
  development: boolean;
}

export interface UnmanagedNumber {
  number: string;
  country: string;
  state?: string;
  region: string;
  didType: string;
  monthlyPrice: number;
  purchased: string;
}

export interface MissingNumber {
  number: string;
  urn: string;
}

export interface SharedNumber {
  number: string;
  /** Every resource that records it; a block that records it twice is named twice. */
  urns: string[];
}

export interface DevelopmentNumber {
  number: string;
  urn: string;
}

export interface AuditResult {
  unmanaged: UnmanagedNumber[];
  missing: MissingNumber[];
  shared: SharedNumber[];
  development: DevelopmentNumber[];
  unmanagedMonthlyCost: number;
}

/** A stack export the audit cannot read; the CLI reports it and exits 1. */
export class ExportInputError extends Error {}

type Read = { value: unknown } | { secret: true };

/** A value of a stack export; a secret is readable only as `--show-secrets` prints it. */
function readValue(value: unknown): Read {
  if (
    typeof value === "object" &&
    value !== null &&
    (value as Record<string, unknown>)[SECRET_SIGNATURE_KEY] === SECRET_SIGNATURE
  ) {
    const plaintext = (value as Record<string, unknown>).plaintext;
    if (typeof plaintext !== "string") return { secret: true };
    try {
      return { value: JSON.parse(plaintext) };
    } catch {
      return { secret: true };
    }
  }
  return { value };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Our resources in a `pulumi stack export` (dynamic and plugin types, InboundNumber and
 * NumberBlock) with the numbers they record. `source` names the export in errors. A number the
 * export hides as a secret cannot be compared, so it is an error rather than a silent "unmanaged".
 */
export function holdingsFromExport(exported: unknown, source: string): Holding[] {
  if (!isObject(exported) || !isObject(exported.deployment)) {
    throw new ExportInputError(
      `${source} is not a \`pulumi stack export\`: expected an object with "deployment"`,
    );
  }
  const resources = exported.deployment.resources ?? [];
  if (!Array.isArray(resources)) {
    throw new ExportInputError(`${source}: deployment.resources is not a list`);
  }
  const holdings: Holding[] = [];
  for (const resource of resources) {
    if (!isObject(resource)) continue;
    const type = typeof resource.type === "string" ? resource.type : undefined;
    const known = aculabResourceType(type);
    if (!known || typeof resource.urn !== "string") continue;
    const urn = resource.urn;
    const outputs = isObject(resource.outputs) ? resource.outputs : {};
    const secret = () =>
      new ExportInputError(
        `${source}: ${urn} records its numbers as a secret, which a plain export does not show: ` +
          "export it with `pulumi stack export --show-secrets` and pass that file with --state",
      );
    const property = known.kind === "InboundNumber" ? outputs.number : outputs.numbers;
    const read = readValue(property);
    if ("secret" in read) throw secret();
    let numbers: string[];
    if (known.kind === "InboundNumber") {
      numbers = typeof read.value === "string" && read.value !== "" ? [read.value] : [];
    } else {
      numbers = [];
      for (const entry of Array.isArray(read.value) ? read.value : []) {
        const one = readValue(entry);
        if ("secret" in one) throw secret();
        if (typeof one.value === "string" && one.value !== "") numbers.push(one.value);
      }
    }
    const development = readValue(outputs.development);
    holdings.push({
      urn,
      type: type!,
      kind: known.kind,
      numbers,
      development: "value" in development && development.value === true,
    });
  }
  return holdings;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byNumber = <T extends { number: string }>(a: T, b: T) => compare(a.number, b.number);
const byNumberThenUrn = <T extends { number: string; urn: string }>(a: T, b: T) =>
  byNumber(a, b) || compare(a.urn, b.urn);

function unmanagedEntry(listed: ListedNumber): UnmanagedNumber {
  return {
    number: listed.number,
    country: listed.country,
    ...(listed.state === undefined ? {} : { state: listed.state }),
    region: listed.region,
    didType: listed.didType,
    monthlyPrice: listed.monthlyPrice,
    purchased: listed.purchased,
  };
}

/**
 * Compares one listing of the account with the holdings of every stack given. A resource given
 * twice (the same export passed twice, or a stack both by --stack and --state) counts once: its
 * URN names it. Development holdings are never real: they are neither managing a number, nor
 * missing from the account, nor sharing one.
 */
export function compareAccount(listing: ListedNumbers, holdings: Holding[]): AuditResult {
  const seen = new Set<string>();
  const unique = holdings.filter((holding) => {
    if (seen.has(holding.urn)) return false;
    seen.add(holding.urn);
    return true;
  });

  const development: DevelopmentNumber[] = [];
  const holders = new Map<string, string[]>();
  for (const holding of unique) {
    for (const number of holding.numbers) {
      if (holding.development) {
        development.push({ number, urn: holding.urn });
        continue;
      }
      const urns = holders.get(number) ?? [];
      urns.push(holding.urn);
      holders.set(number, urns);
    }
  }

  const unmanaged = Object.values(listing)
    .filter((listed) => !holders.has(listed.number))
    .map(unmanagedEntry)
    .sort(byNumber);
  const missing: MissingNumber[] = [];
  const shared: SharedNumber[] = [];
  for (const [number, urns] of holders) {
    if (!Object.prototype.hasOwnProperty.call(listing, number)) {
      for (const urn of urns) missing.push({ number, urn });
    }
    if (urns.length > 1) shared.push({ number, urns });
  }
  return {
    unmanaged,
    missing: missing.sort(byNumberThenUrn),
    shared: shared.sort(byNumber),
    development: development.sort(byNumberThenUrn),
    unmanagedMonthlyCost: roundToCents(
      unmanaged.reduce((total, entry) => total + entry.monthlyPrice, 0),
    ),
  };
}

/** True when any of the lists that mean drift (unmanaged, missing, shared) is non-empty. */
export function hasDrift(result: AuditResult): boolean {
  return result.unmanaged.length > 0 || result.missing.length > 0 || result.shared.length > 0;
}
