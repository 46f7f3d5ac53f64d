import * as pulumi from "@pulumi/pulumi";
import * as aculab from "pulumi-aculab";

// How many numbers the block holds: stack config `quantity`, 3 when unset
// (`pulumi config set quantity 5`, then `pulumi up`).
const quantity = new pulumi.Config().getNumber("quantity") ?? 3;

// Spanish toll-free numbers on the 901 prefix, bought in one call. Landline and payphone callers
// are allowed (901 refuses cellular). Changing `quantity` grows or shrinks the block in place:
// growing buys only the difference, shrinking releases the newest numbers.
const sales = new aculab.NumberBlock(
  "sales",
  {
    country: "Spain",
    region: "901",
    didType: "tollfree",
    quantity,
    allowLandline: true,
    allowPayphone: true,
  },
  { protect: false },
);

export const salesNumbers = sales.numbers;
export const salesMonthlyPrice = sales.monthlyPrice;
export const tollfreePrefixes = aculab.getSupportedRegionsOutput({
  country: "Spain",
  didType: "tollfree",
}).regions;
