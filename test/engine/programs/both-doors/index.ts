// Both doors in one TypeScript program, as a team moving to the plugin has it for a while: the
// dynamic InboundNumber of `pulumi-aculab` and the plugin's InboundNumber of the Node SDK.
import * as aculab from "pulumi-aculab";
import * as plugin from "@pulumi-aculab/plugin-sdk";

const dynamic = new aculab.InboundNumber("dynamic", {
  country: "United Kingdom",
  region: "Milton Keynes",
});
const native = new plugin.InboundNumber("native", { country: "Spain", region: "Madrid" });

export const numbers = [dynamic.number, native.number];
