// Two InboundNumbers that both adopt ADOPT_NUMBER (a number the account owns in Milton Keynes):
// the provider must let only one of them hold it.
import * as aculab from "pulumi-aculab";

const place = {
  country: "United Kingdom",
  region: "Milton Keynes",
  number: process.env.ADOPT_NUMBER,
};
export const support = new aculab.InboundNumber("support", place).number;
export const backup = new aculab.InboundNumber("backup", place).number;
