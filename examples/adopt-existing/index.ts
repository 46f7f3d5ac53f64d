import * as pulumi from "@pulumi/pulumi";
import * as aculab from "pulumi-aculab";

// Dynamic resources cannot be `pulumi import`ed, so a number the account already owns comes under
// management by naming it: creating this resource buys nothing, it records the number. From then
// on `pulumi destroy` releases it like any other, so protect it if it matters.
const config = new pulumi.Config();
const existing = config.require("existingNumber"); // e.g. pulumi config set existingNumber 441908538007

const helpdesk = new aculab.InboundNumber(
  "helpdesk",
  { country: "United Kingdom", region: "Milton Keynes", number: existing },
  { protect: true },
);

export const helpdeskNumber = helpdesk.number;
export const helpdeskPurchased = helpdesk.purchased;
