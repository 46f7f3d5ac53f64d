// The program the engine-path tests deploy. Its shape comes from the environment, so one program
// serves every scenario: a location change, a resize, a rename.
import * as aculab from "pulumi-aculab";

const env = process.env;
const number = new aculab.InboundNumber("support", {
  country: env.SUPPORT_COUNTRY ?? "United Kingdom",
  region: env.SUPPORT_REGION ?? "Milton Keynes",
  ...(env.SUPPORT_BASED_ON ? { basedOn: env.SUPPORT_BASED_ON } : {}),
});
const block = new aculab.NumberBlock("sales", {
  country: "Spain",
  region: "901",
  didType: "tollfree",
  quantity: Number(env.SALES_QUANTITY ?? "3"),
  allowLandline: true,
  allowPayphone: true,
});
export const supportNumber = number.number;
export const salesNumbers = block.numbers;
