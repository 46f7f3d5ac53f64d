import { roundToCents, shown } from "./format";
import { Plan, Purchase, purchasedCount, releasedCount, releasedNumbers } from "./plan";

/** One purchase line of `--format json`; values not known during preview are null or "known after apply". */
export interface PurchaseItemJson {
  resource: string;
  name: string;
  kind: Purchase["kind"];
  reason: Purchase["reason"];
  replaceReasons?: string[];
  resize?: { from: number; to: number };
  country?: string;
  state?: string;
  region?: string;
  didType: string;
  count: number | null;
  unitMonthlyPrice: number | null;
  monthlyCost: number | null;
}

export interface ReportJson {
  purchase: { count: number | null; items: PurchaseItemJson[] };
  release: { count: number | null; numbers: string[] };
  monthlyCostDelta: number | null;
  /** Numbers more than one resource would hold, with the URNs of their holders. */
  sharedNumbers: { number: string; resources: string[] }[];
}

function purchaseItem(purchase: Purchase): PurchaseItemJson {
  const { location } = purchase;
  const optional = <T>(key: string, value: T | undefined) =>
    value === undefined ? {} : { [key]: value };
  return {
    resource: purchase.urn,
    name: purchase.name,
    kind: purchase.kind,
    reason: purchase.reason,
    ...optional(
      "replaceReasons",
      purchase.replaceReasons.length > 0 ? purchase.replaceReasons : undefined,
    ),
    ...optional("resize", purchase.resize),
    ...optional("country", location.country === undefined ? undefined : shown(location.country)),
    ...optional("state", location.state === undefined ? undefined : shown(location.state)),
    ...optional("region", location.region === undefined ? undefined : shown(location.region)),
    didType: shown(location.didType),
    count: typeof purchase.count === "number" ? purchase.count : null,
    unitMonthlyPrice: purchase.unitMonthlyPrice ?? null,
    monthlyCost: purchase.monthlyCost === undefined ? null : roundToCents(purchase.monthlyCost),
  };
}

export function reportJson(plan: Plan): ReportJson {
  return {
    purchase: { count: purchasedCount(plan) ?? null, items: plan.purchases.map(purchaseItem) },
    release: { count: releasedCount(plan) ?? null, numbers: releasedNumbers(plan).map(shown) },
    monthlyCostDelta: plan.monthlyCostDelta ?? null,
    sharedNumbers: plan.sharedNumbers.map((shared) => ({
      number: shared.number,
      resources: shared.holders.map((holder) => holder.urn),
    })),
  };
}

export const renderJson = (plan: Plan) => `${JSON.stringify(reportJson(plan), null, 2)}\n`;
