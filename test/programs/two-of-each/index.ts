// Two resources of each type at different places: their serialized providers must still be one
// text per type, since the host keeps one provider (and one configured account) per distinct text.
import * as aculab from "pulumi-aculab";

new aculab.InboundNumber("support", { country: "United Kingdom", region: "Milton Keynes" });
new aculab.InboundNumber("support-canada", {
  country: "Canada",
  state: "Manitoba",
  region: "Winnipeg",
});
new aculab.NumberBlock("sales", {
  country: "Spain",
  region: "901",
  didType: "tollfree",
  quantity: 2,
  allowLandline: true,
});
new aculab.NumberBlock("sales-madrid", { country: "Spain", region: "Madrid", quantity: 2 });
