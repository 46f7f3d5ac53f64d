import * as pulumi from "@pulumi/pulumi";
import * as aculab from "pulumi-aculab";

// One UK geographic number the account already owns (stack config `adoptNumber`), adopted under
// the name stack config `name` gives (support when unset): renaming it is one `pulumi up`.
const config = new pulumi.Config();
const line = new aculab.InboundNumber(config.get("name") ?? "support", {
  country: "United Kingdom",
  region: "Milton Keynes",
  number: config.require("adoptNumber"),
});

export const lineNumber = line.number;
