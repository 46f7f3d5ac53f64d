// One InboundNumber adopting ADOPT_NUMBER, a toll-free number the account owns in Spain (901).
// ADOPTER_NAME renames it; ALLOW_CELLULAR changes a property that replaces it.
import * as aculab from "pulumi-aculab";

const env = process.env;
export const number = new aculab.InboundNumber(env.ADOPTER_NAME ?? "support", {
  country: "Spain",
  region: "901",
  didType: "tollfree",
  allowLandline: true,
  ...(env.ALLOW_CELLULAR === "true" ? { allowCellular: true } : {}),
  number: env.ADOPT_NUMBER,
}).number;
