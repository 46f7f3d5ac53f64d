// A stack that holds some of the account's numbers: one it adopted (bought outside Pulumi, named
// by the stack config `adopted`), and a block it bought itself.
import * as pulumi from "@pulumi/pulumi";
import * as aculab from "pulumi-aculab";

const config = new pulumi.Config();

const support = new aculab.InboundNumber("support", {
  country: "United Kingdom",
  region: "Milton Keynes",
  number: config.require("adopted"),
});
const london = new aculab.NumberBlock("london", {
  country: "United Kingdom",
  region: "London",
  quantity: 1,
});

export const supportNumber = support.number;
export const londonNumbers = london.numbers;
