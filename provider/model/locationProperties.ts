import type { PropertyModel } from "./spec";

/**
 * The inputs both resources share: where the numbers are, the settings they are bought with, and
 * the call types a toll-free purchase allows. `subject` is what they describe: one number or a
 * block's numbers.
 */
type Subject = "number" | "numbers";

const located = (subject: Subject) => `${subject} ${subject === "number" ? "is" : "are"} located`;

/** Where the numbers are: a change of any of these replaces the resource. */
function placeProperties(subject: Subject) {
  const place = { type: "string", replaceOnChanges: true } as const;
  return {
    country: {
      ...place,
      input: "required",
      output: "required",
      example: "United Kingdom",
      description: `The country where the ${located(subject)}, as getSupportedCountries names it, e.g. "United Kingdom".`,
    },
    state: {
      ...place,
      input: "optional",
      output: "optional",
      example: "Alberta",
      description: `The state where the ${located(subject)}. Some countries (Canada, the United States) require this to be specified; getSupportedStates lists their states, e.g. "Alberta".`,
    },
    region: {
      ...place,
      input: "required",
      output: "required",
      example: "Milton Keynes",
      description:
        `The region where the ${located(subject)}. This is a region name for geographic numbers (e.g. "Milton Keynes") ` +
        `or a number prefix for toll free or national numbers (e.g. "800"), as getSupportedRegions lists them.`,
    },
  } as const satisfies Record<string, PropertyModel>;
}

function didTypeProperty(subject: Subject) {
  return {
    ref: "DidType",
    input: "optional",
    output: "required",
    replaceOnChanges: true,
    default: "geographic",
    description: `The type of ${subject === "number" ? "the number" : "each number"}: one of "geographic", "national", "mobile" or "tollfree".`,
  } as const satisfies PropertyModel;
}

/** Settings of a purchase that change in place: they never release a number. */
const purchaseSettingProperties = {
  regulationAddress: {
    type: "string",
    input: "optional",
    output: "optional",
    example: "My french place",
    description:
      `The name of a registered regulation address that exists on the Aculab Cloud account ` +
      `(listRegulationAddresses lists them). Some countries require this to be specified. Used when ` +
      `buying; changing it later updates the record in place and never releases a number.`,
  },
  basedOn: {
    type: "string",
    input: "optional",
    output: "optional",
    example: "support-line",
    description:
      `The name of an existing inbound service. If set, a new service is created for each number bought, ` +
      `based on the specified service. Used when buying; changing it later updates the record in place and ` +
      `never releases a number.`,
  },
} as const satisfies Record<string, PropertyModel>;

/** The call types a toll-free purchase allows (Aculab's allow_* parameters). */
function callTypeProperties(subject: Subject) {
  const toll = subject === "number" ? "A toll-free number" : "A block of toll-free numbers";
  const callType = (name: string, calls: string, what: string) =>
    ({
      type: "boolean",
      input: "optional",
      output: "optional",
      replaceOnChanges: true,
      callType: true,
      description:
        `For toll free numbers only: \`true\` to allow calls from ${calls}. Otherwise calls from ${what} are ` +
        `blocked (Aculab's default). ${toll} must allow at least one call type; some countries and prefixes ` +
        `refuse some call types.`,
      messages: { type: `${name} must be true or false (it applies to toll-free numbers only)` },
    }) as const;
  return {
    allowLandline: callType("allowLandline", "landline numbers", "landlines"),
    allowCellular: callType("allowCellular", "cellular (mobile) phones", "cell phones (mobiles)"),
    allowPayphone: callType("allowPayphone", "payphones", "payphones"),
  } as const satisfies Record<string, PropertyModel>;
}

/** The location and purchase inputs both resources share, in the order schema.json lists them. */
export function locationProperties(subject: Subject) {
  return {
    ...placeProperties(subject),
    didType: didTypeProperty(subject),
    ...purchaseSettingProperties,
    ...callTypeProperties(subject),
  } as const;
}
