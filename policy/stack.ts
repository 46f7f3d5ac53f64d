import { PolicyResource } from "@pulumi/policy";
import { lookupMonthlyPrice, PriceTable } from "../report/prices";
import {
  aculabResourceType,
  isHidden,
  readLocation,
  readNumber,
  readStringList,
  ResourceKind,
} from "../report/resources";
import { knownProps } from "./props";

/** One of our resources as a stack policy sees it after the deployment. */
export interface StackNumberResource {
  name: string;
  urn: string;
  kind: ResourceKind;
  /** How many numbers it holds; undefined while only known after apply. */
  numberCount: number | undefined;
  /** Its monthly cost; undefined when neither state nor the price table tells. */
  monthlyCost: number | undefined;
}

function numberCount(kind: ResourceKind, props: Record<string, unknown>): number | undefined {
  if (kind === "InboundNumber") return 1;
  const quantity = readNumber(props.quantity);
  if (typeof quantity === "number") return quantity;
  const numbers = readStringList(props.numbers);
  return Array.isArray(numbers) ? numbers.length : undefined;
}

/**
 * State's monthlyPrice is what Aculab charges; it is trustworthy only when state also shows the
 * numbers it covers. During preview, a resource being created, updated or replaced shows its
 * inputs instead (providers without preview support echo them), so the price table fills in.
 */
function monthlyCost(
  kind: ResourceKind,
  props: Record<string, unknown>,
  count: number | undefined,
  prices: PriceTable,
): number | undefined {
  const recorded = readNumber(props.monthlyPrice);
  const numbers = readStringList(props.numbers);
  const stateCoversCount =
    kind === "InboundNumber" || (Array.isArray(numbers) && numbers.length === count);
  if (typeof recorded === "number" && !isHidden(recorded) && stateCoversCount) return recorded;
  const unit = lookupMonthlyPrice(prices, readLocation(props));
  return unit === undefined || count === undefined ? undefined : unit * count;
}

export function stackNumberResources(
  resources: PolicyResource[],
  prices: PriceTable,
): StackNumberResource[] {
  const found: StackNumberResource[] = [];
  for (const resource of resources) {
    const type = aculabResourceType(resource.type);
    if (!type) continue;
    const props = knownProps(resource.props);
    const count = numberCount(type.kind, props);
    found.push({
      name: resource.name,
      urn: resource.urn,
      kind: type.kind,
      numberCount: count,
      monthlyCost: monthlyCost(type.kind, props, count, prices),
    });
  }
  return found;
}

export const describeResource = (resource: { kind: string; name: string }) =>
  `${resource.kind} "${resource.name}"`;
