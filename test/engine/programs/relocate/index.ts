import * as pulumi from "@pulumi/pulumi";
import * as aculab from "pulumi-aculab";

// One UK geographic number in the region stack config `region` names (Milton Keynes when unset):
// `pulumi config set region London` moves the line, which means another number.
const region = new pulumi.Config().get("region") ?? "Milton Keynes";

const line = new aculab.InboundNumber("line", { country: "United Kingdom", region });

export const lineNumber = line.number;
export const lineRegion = line.region;
