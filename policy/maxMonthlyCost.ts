import { StackValidationPolicy } from "@pulumi/policy";
import { usd } from "../report/format";
import { parsePriceTable } from "../report/prices";
import { describeResource, stackNumberResources } from "./stack";

export interface MaxMonthlyCostConfig {
  maxMonthlyUsd?: number;
  prices?: unknown;
}

export const maxMonthlyCost: StackValidationPolicy = {
  name: "max-monthly-cost",
  description:
    "The Aculab numbers of a stack must stay within a monthly budget (USD, excluding toll-free per-minute charges).",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      maxMonthlyUsd: { type: "number", minimum: 0, description: "Monthly budget in USD." },
      prices: {
        type: "array",
        description:
          "Price table for numbers not yet bought: entries of country, optional state, region and didType, and monthlyUsd.",
        items: {
          type: "object",
          properties: {
            country: { type: "string" },
            state: { type: "string" },
            region: { type: "string" },
            didType: { type: "string", enum: ["geographic", "national", "mobile", "tollfree"] },
            monthlyUsd: { type: "number", minimum: 0 },
          },
          required: ["country", "monthlyUsd"],
          additionalProperties: false,
        },
      },
    },
  },
  validateStack: (args, reportViolation) => {
    const config = args.getConfig<MaxMonthlyCostConfig>();
    const budget = config.maxMonthlyUsd;
    if (budget === undefined) return args.notApplicable("no budget configured (maxMonthlyUsd)");
    const prices = parsePriceTable(config.prices ?? [], "max-monthly-cost prices");
    const resources = stackNumberResources(args.resources, prices);
    const priced = resources.filter((r) => r.monthlyCost !== undefined);
    const unpriced = resources.filter((r) => r.monthlyCost === undefined);
    const knownTotal = priced.reduce((total, r) => total + (r.monthlyCost ?? 0), 0);
    const breakdown = priced
      .map((r) => `${describeResource(r)} ${usd(r.monthlyCost ?? 0)}`)
      .join(", ");
    if (knownTotal > budget) {
      reportViolation(
        `Aculab numbers would cost ${unpriced.length > 0 ? "at least " : ""}${usd(knownTotal)} per month, ` +
          `over the budget of ${usd(budget)}: ${breakdown}.`,
      );
      return;
    }
    if (unpriced.length > 0) {
      // Passing an unpriced stack would let any purchase through; say what to price instead.
      reportViolation(
        `Cannot confirm the Aculab budget of ${usd(budget)} per month: no price for ` +
          `${unpriced.map(describeResource).join(", ")} (add their location to this policy's prices, ` +
          "or their quantity is only known after apply).",
      );
    }
  },
};
