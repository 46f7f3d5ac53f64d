import { StackValidationPolicy } from "@pulumi/policy";
import { knownNumbers, sharedNumbers } from "../report/holders";
import { aculabResourceType } from "../report/resources";
import { describeResource } from "./stack";
import { knownProps } from "./props";

/**
 * A number recorded by two resources (an InboundNumber adopting a number another resource already
 * holds, two blocks listing the same number) is counted twice, and deleting, replacing or
 * shrinking either releases it from under the other. The report flags the same numbers
 * (report/holders.ts is shared).
 */
export const oneHolderPerNumber: StackValidationPolicy = {
  name: "one-holder-per-number",
  description: "No Aculab number may be held by two resources of the stack.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const holders = args.resources.flatMap((resource) => {
      const type = aculabResourceType(resource.type);
      if (!type) return [];
      return [
        {
          urn: resource.urn,
          name: resource.name,
          kind: type.kind,
          numbers: knownNumbers(type.kind, knownProps(resource.props)),
        },
      ];
    });
    // The engine hands a stack policy its resources in no fixed order (it varies from run to run
    // with the order steps finish): sorted, the messages name the holders the same way each time.
    holders.sort((a, b) => a.name.localeCompare(b.name) || a.urn.localeCompare(b.urn));
    for (const shared of sharedNumbers(holders)) {
      reportViolation(
        `Aculab number ${shared.number} is held by ${shared.holders.map(describeResource).join(" and ")}: ` +
          "releasing it for one (a delete, a replacement, a shrink) takes it from the other. " +
          "Keep one resource per number: remove `number` from the adopting InboundNumber, or delete one of them " +
          "from state with `pulumi state delete` (which releases nothing).",
      );
    }
  },
};
