import { ResourceValidationPolicy } from "@pulumi/policy";
import { aculabResourceType } from "../report/resources";
import { describeResource } from "./stack";

export interface NoReleaseWithoutApprovalConfig {
  approvedReleases?: string[];
}

/**
 * A policy never sees what a deployment deletes, nor the old state of what it replaces: resource
 * policies get the new inputs, stack policies the resources that remain. What the engine does
 * enforce is `protect`: it refuses to delete or replace a protected resource. So this policy
 * demands protection, and the allow list is the approval to drop it.
 */
export const noReleaseWithoutApproval: ResourceValidationPolicy = {
  name: "no-release-without-approval",
  description:
    "Aculab numbers must be protected (protect: true), so that no preview can delete or replace them, " +
    "unless the resource is on the approved-release list.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      approvedReleases: {
        type: "array",
        items: { type: "string" },
        default: [],
        description: "Names (or URNs) of resources whose numbers may be released.",
      },
    },
  },
  validateResource: (args, reportViolation) => {
    const type = aculabResourceType(args.type);
    if (!type) return;
    const approved = args.getConfig<NoReleaseWithoutApprovalConfig>().approvedReleases ?? [];
    if (args.opts.protect || approved.includes(args.name) || approved.includes(args.urn)) return;
    const resource = describeResource({ kind: type.kind, name: args.name });
    reportViolation(
      `${resource} is not protected, so a change could delete or replace it and release its ` +
        `numbers irreversibly. Set the resource option protect: true, or approve the release by adding ` +
        `"${args.name}" to approvedReleases of no-release-without-approval.`,
    );
  },
};
