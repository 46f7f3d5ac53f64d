import type { Deployment } from "@pulumi/pulumi/automation";
import type { RunningSimulator } from "../../../simulator";
import { ACULAB_TYPES } from "./engineProject";

/** One number a resource in the stack's state records, with that resource. */
export interface RecordedNumber {
  urn: string;
  number: string;
}

/** What `pulumi stack export` holds of our resources, beside the numbers: the partial and the pending. */
export interface StateAudit {
  /** Owned by the account but recorded by no resource: paid for and unmanaged. */
  orphans: string[];
  /** Recorded more than once (by two resources, or twice by one): bought twice or shared. */
  recordedTwice: string[];
  /** Recorded but no longer owned: harmless (release answers 0300) but state is stale. */
  notOwned: string[];
  /** Every number state records, sorted. */
  recorded: string[];
  /** URNs of our resources the engine recorded with init errors (a partially created resource). */
  partial: string[];
  /** pending_operations of our types: "<type> <urn>" (type is creating, updating, deleting...). */
  pending: string[];
}

type StateEntry = Record<string, any>;

function ourResources(deployment: Deployment): StateEntry[] {
  const resources = (deployment.deployment?.resources ?? []) as StateEntry[];
  return resources.filter((resource) => ACULAB_TYPES.has(resource.type));
}

/** Every number our resources record in an exported state (outputs.number or outputs.numbers). */
export function recordedNumbers(deployment: Deployment): RecordedNumber[] {
  return ourResources(deployment).flatMap((resource) => {
    const outputs = (resource.outputs ?? {}) as Record<string, unknown>;
    const numbers = Array.isArray(outputs.numbers)
      ? (outputs.numbers as string[])
      : typeof outputs.number === "string"
        ? [outputs.number]
        : [];
    return numbers.map((number) => ({ urn: resource.urn as string, number }));
  });
}

/** Pending operations on our resources in an exported state, as "<type> <urn>", sorted. */
export function pendingOperations(deployment: Deployment): string[] {
  const pending = (deployment.deployment?.pending_operations ?? []) as StateEntry[];
  return pending
    .filter((op) => ACULAB_TYPES.has(op.resource?.type))
    .map((op) => `${op.type} ${op.resource.urn}`)
    .sort();
}

/** The account (the simulator's inventory, listed or not) against an exported state. */
export function auditState(deployment: Deployment, simulator: RunningSimulator): StateAudit {
  const owned = new Set(Object.keys(simulator.ownedNumbers()));
  const recorded = recordedNumbers(deployment).map((r) => r.number);
  const seen = new Set<string>();
  const recordedTwice = recorded.filter((n) => seen.has(n) || !seen.add(n));
  return {
    orphans: [...owned].filter((n) => !seen.has(n)).sort(),
    recordedTwice: recordedTwice.sort(),
    notOwned: [...seen].filter((n) => !owned.has(n)).sort(),
    recorded: [...recorded].sort(),
    partial: ourResources(deployment)
      .filter((resource) => (resource.initErrors ?? []).length > 0)
      .map((resource) => resource.urn as string)
      .sort(),
    pending: pendingOperations(deployment),
  };
}

/** The invariant after every command, failed or not: no orphan, no number recorded twice. */
export function moneySafety(audit: StateAudit): { orphans: string[]; recordedTwice: string[] } {
  return { orphans: audit.orphans, recordedTwice: audit.recordedTwice };
}
