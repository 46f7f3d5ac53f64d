import * as aculab from "pulumi-aculab";

// Which Manitoba regions can sell a number right now (a data function: it runs in this program).
export const manitobaRegions = aculab.getSupportedRegionsOutput({
  country: "Canada",
  state: "Manitoba",
}).regions;

// One UK geographic number. `protect` guards it from an accidental `pulumi destroy`: once released,
// a telephone number may be gone for good. Remove it for throwaway stacks.
const support = new aculab.InboundNumber("support", {
  country: "United Kingdom",
  region: "Milton Keynes",
});

export const supportNumber = support.number;
export const supportMonthlyPrice = support.monthlyPrice;
