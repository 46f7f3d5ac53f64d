import type { ResourceName } from "../../provider/model";
import type { InboundNumberInputs, NumberBlockInputs } from "../../provider/resources/inputs";

// Inputs and a fixed clock the lifecycle tests of provider/resources share.

/** The simulator's fixed "now", so purchase dates are the same in every run. */
export const clock = () => new Date("2025-03-14T12:00:00Z");

/** A geographic InboundNumber at Milton Keynes. */
export const milton: InboundNumberInputs = {
  country: "United Kingdom",
  region: "Milton Keynes",
  didType: "geographic",
};

/** Milton Keynes as the client sends it to Aculab: a location filter, or a purchase's place. */
export const miltonWire = {
  country: "United Kingdom",
  region: "Milton Keynes",
  did_type: "geographic",
};

/** A toll-free NumberBlock of 3 in Spain's 901 region. */
export const sales: NumberBlockInputs = {
  country: "Spain",
  region: "901",
  didType: "tollfree",
  quantity: 3,
  allowLandline: true,
  allowPayphone: true,
};

/** Each resource with inputs it can be bought with at Milton Keynes, didType left to its default. */
export const eachResource: Array<[ResourceName, Record<string, unknown>]> = [
  ["InboundNumber", { country: "United Kingdom", region: "Milton Keynes" }],
  ["NumberBlock", { country: "United Kingdom", region: "Milton Keynes", quantity: 2 }],
];
