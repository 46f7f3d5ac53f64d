import {
  PolicyResource,
  ReportViolation,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { SHRINKS_FROM } from "../provider/resources/shrink";
import {
  aculabResourceType,
  Hidden,
  isHidden,
  readNumber,
  readStringList,
} from "../report/resources";
import { knownProps } from "./props";
import { describeResource } from "./stack";

export interface NoReleaseWithoutApprovalConfig {
  approvedReleases?: string[];
}

const POLICY = "no-release-without-approval";

const isApproved = (approved: string[], resource: { name: string; urn: string }) =>
  approved.includes(resource.name) || approved.includes(resource.urn);

/** What a NumberBlock's step releases in place, as far as the policy can see it. */
type Shrink =
  | { from: number; to: number; numbers: (string | Hidden)[] }
  | { from: number; to: number; count: number }
  | { from: number; to: "unknown" };

/**
 * A block's shrink from the properties a stack policy sees during preview. For a block being
 * updated these are the inputs check returned (neither front door supports provider previews), in
 * which check notes the quantity the recorded inputs asked for (provider/resources/shrink.ts); an
 * unchanged block shows its outputs, where `quantity` always equals `numbers.length`. Where the
 * numbers are shown beside a lower quantity (a provider that previews its update), the newest of
 * them are the ones released, by name.
 */
function shrinkOf(props: Record<string, unknown>): Shrink | undefined {
  const quantity = readNumber(props.quantity);
  const numbers = readStringList(props.numbers);
  const noted = readNumber(props[SHRINKS_FROM]);
  const from = Array.isArray(numbers)
    ? numbers.length
    : typeof noted === "number"
      ? noted
      : undefined;
  if (from === undefined || from === 0) return undefined;
  if (quantity === undefined) return undefined;
  if (isHidden(quantity)) return { from, to: "unknown" };
  if (quantity >= from) return undefined;
  if (Array.isArray(numbers)) return { from, to: quantity, numbers: numbers.slice(quantity) };
  return { from, to: quantity, count: from - quantity };
}

const shown = (number: string | Hidden) =>
  isHidden(number) ? (number.hidden === "secret" ? "[secret]" : "(unknown)") : number;

function shrinkMessage(name: string, shrink: Shrink): string {
  const resource = describeResource({ kind: "NumberBlock", name });
  const approve =
    `\`protect\` does not stop a shrink (an update in place). Keep its quantity, or approve the ` +
    `release by adding "${name}" to approvedReleases of ${POLICY}.`;
  if (shrink.to === "unknown") {
    return (
      `${resource} may shrink: its quantity is only known after apply, and a smaller one releases ` +
      `some of its ${shrink.from} numbers irreversibly. ${approve}`
    );
  }
  const released =
    "numbers" in shrink
      ? `${shrink.numbers.map(shown).join(", ")}`
      : `${shrink.count} of its numbers (the newest)`;
  return (
    `${resource} shrinks from ${shrink.from} to ${shrink.to} numbers, releasing ${released} ` +
    `irreversibly. ${approve}`
  );
}

/**
 * A policy never sees what a deployment deletes, nor the old state of what it replaces: resource
 * policies get the new inputs, stack policies the resources that remain. What the engine does
 * enforce is `protect`: it refuses to delete or replace a protected resource. So this policy
 * demands protection (validateResource), and the allow list is the approval to drop it.
 *
 * A NumberBlock whose quantity goes down releases numbers in an update, which `protect` does not
 * stop: validateStack catches it from what check notes among the block's inputs (shrinkOf), and
 * the same allow list approves it, by name or URN. Both halves run: @pulumi/policy runs a policy's
 * validateResource for each resource and its validateStack for the stack, independently.
 */
export const noReleaseWithoutApproval: ResourceValidationPolicy &
  Pick<StackValidationPolicy, "validateStack"> = {
  name: POLICY,
  description:
    "Aculab numbers must be protected (protect: true), so that no preview can delete or replace them, " +
    "and no NumberBlock may shrink (which releases numbers in place), unless the resource is on the " +
    "approved-release list.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      approvedReleases: {
        type: "array",
        items: { type: "string" },
        default: [],
        description:
          "Names (or URNs) of resources whose numbers may be released: by a delete, a replacement or a block's shrink.",
      },
    },
  },
  validateResource: (args, reportViolation) => {
    const type = aculabResourceType(args.type);
    if (!type) return;
    const approved = args.getConfig<NoReleaseWithoutApprovalConfig>().approvedReleases ?? [];
    if (args.opts.protect || isApproved(approved, args)) return;
    const resource = describeResource({ kind: type.kind, name: args.name });
    reportViolation(
      `${resource} is not protected, so a change could delete or replace it and release its ` +
        `numbers irreversibly. Set the resource option protect: true, or approve the release by adding ` +
        `"${args.name}" to approvedReleases of ${POLICY}.`,
    );
  },
  validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
    const approved = args.getConfig<NoReleaseWithoutApprovalConfig>().approvedReleases ?? [];
    const shrinking: Array<{ resource: PolicyResource; shrink: Shrink }> = [];
    for (const resource of args.resources) {
      if (aculabResourceType(resource.type)?.kind !== "NumberBlock") continue;
      if (isApproved(approved, resource)) continue;
      const shrink = shrinkOf(knownProps(resource.props));
      if (shrink) shrinking.push({ resource, shrink });
    }
    // The engine hands a stack policy its resources in no fixed order: report in one.
    const order = (a: PolicyResource, b: PolicyResource) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0;
    shrinking.sort((a, b) => order(a.resource, b.resource));
    for (const { resource, shrink } of shrinking) {
      reportViolation(shrinkMessage(resource.name, shrink), resource.urn);
    }
  },
};
