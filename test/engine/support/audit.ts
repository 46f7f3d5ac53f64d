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

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- exported state is untyped JSON
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

/**
 * The recovery of docs/recovery.md: moves each pending create of an InboundNumber into the
 * state's resources, with the number the account owns at its location that no resource records
 * (an orphan) as its id and `number` output, and drops the pending creates left without a number
 * (killed before Aculab committed). Within one location any pairing is right: the interrupted
 * resources there differ only by name. The result is for `pulumi stack import`; the next
 * `pulumi refresh` fills in each number's price and purchase date.
 */
export function adoptPendingCreates(
  deployment: Deployment,
  simulator: RunningSimulator,
): { deployment: Deployment; adopted: Record<string, string> } {
  const owned = simulator.ownedNumbers();
  const orphans = auditState(deployment, simulator).orphans;
  const edited = structuredClone(deployment);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- exported state is untyped JSON
  const state = edited.deployment as Record<string, any>;
  const adopted: Record<string, string> = {};
  const left: StateEntry[] = [];
  for (const op of (state.pending_operations ?? []) as StateEntry[]) {
    if (op.type !== "creating" || !ACULAB_TYPES.has(op.resource?.type)) {
      left.push(op);
      continue;
    }
    const inputs = op.resource.inputs as Record<string, unknown>;
    const at = orphans.findIndex((n) => {
      const o = owned[n];
      return (
        o.country === inputs.country &&
        o.region === inputs.region &&
        (inputs.state === undefined || o.state === inputs.state) &&
        o.did_type === (inputs.didType ?? "geographic")
      );
    });
    if (at < 0) continue;
    const number = orphans.splice(at, 1)[0];
    adopted[op.resource.urn] = number;
    state.resources.push({ ...op.resource, id: number, outputs: { ...inputs, number } });
  }
  state.pending_operations = left;
  return { deployment: edited, adopted };
}
