import { StackValidationPolicy } from "@pulumi/policy";
import { describeResource, stackNumberResources } from "./stack";

export interface MaxNumbersConfig {
  maxNumbers?: number;
}

export const maxNumbers: StackValidationPolicy = {
  name: "max-numbers",
  description: "A stack may hold at most a configured number of Aculab numbers.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      maxNumbers: { type: "integer", minimum: 0, description: "Most numbers the stack may hold." },
    },
  },
  validateStack: (args, reportViolation) => {
    const { maxNumbers: limit } = args.getConfig<MaxNumbersConfig>();
    if (limit === undefined) return args.notApplicable("no limit configured (maxNumbers)");
    const resources = stackNumberResources(args.resources, []);
    const counted = resources.filter((r) => r.numberCount !== undefined);
    const uncounted = resources.filter((r) => r.numberCount === undefined);
    const total = counted.reduce((sum, r) => sum + (r.numberCount ?? 0), 0);
    if (total > limit) {
      reportViolation(
        `The stack would hold ${uncounted.length > 0 ? "at least " : ""}${total} Aculab numbers, ` +
          `over the limit of ${limit}: ` +
          `${counted.map((r) => `${describeResource(r)} ${r.numberCount}`).join(", ")}.`,
      );
      return;
    }
    if (uncounted.length > 0) {
      reportViolation(
        `Cannot confirm the limit of ${limit} Aculab numbers: the quantity of ` +
          `${uncounted.map(describeResource).join(", ")} is only known after apply.`,
      );
    }
  },
};
