import { locationProperties } from "./locationProperties";
import type { PropertyModel, ResourceModel } from "./spec";

export const MAX_BLOCK_QUANTITY = 1000;

const development = (what: string) =>
  ({
    type: "boolean",
    output: "optional",
    description:
      `\`true\` when ${what} came from development mode (\`aculab:development\`, through ` +
      `tel_purchase_development): never bought, costing nothing, and never looked up in the account nor ` +
      `released. Absent when bought for real.`,
  }) as const satisfies PropertyModel;

/** The resources: what each takes, records, and replaces on. */
export const resources = {
  InboundNumber: {
    description:
      "One inbound telephone number. Creating it purchases a number at the location (tel_purchase; an immediate " +
      "and subsequent monthly cost), or adopts `number`, one the account already owns. Deleting it releases the " +
      "number (tel_delete_numbers), which may then be gone for good: consider `protect: true` for numbers in use. " +
      "Import an owned number with `pulumi import aculab:index:InboundNumber <name> <number>`.",
    replacementNote:
      "Changing it replaces the resource: another number is bought first, then this one is released.",
    properties: {
      ...locationProperties("number"),
      number: {
        type: "string",
        pattern: /^\d{6,15}$/,
        input: "optional",
        output: "required",
        replaceOnChanges: true,
        example: "441908538007",
        messages: {
          type: 'number must be a string of digits such as "441908538007"',
          pattern:
            'number must be an international number of 6 to 15 digits without "+" or spaces, such as "441908538007"',
        },
        description:
          'A number the account already owns, to adopt instead of buying one: international format, digits only, e.g. "441908538007". ' +
          "`pulumi import aculab:index:InboundNumber <name> <number>` sets it.",
        outputDescription:
          "The telephone number this resource holds, international format, digits only. It is also the resource's id.",
        replacementNote:
          "Changing it replaces the resource: the other number is adopted first, then this one is released. " +
          "Removing it is no change: the resource keeps its number.",
      },
      monthlyPrice: {
        type: "number",
        output: "required",
        description:
          "The price per month for the number in US dollars, as tel_list_numbers lists it.",
      },
      purchased: {
        type: "string",
        output: "required",
        description: "The date on which the number was purchased, in the format YYYY-MM-DD.",
      },
      development: development("the number"),
    },
  },
  NumberBlock: {
    description:
      "`quantity` inbound telephone numbers at one location, purchased together (one tel_purchase call). Changing " +
      "`quantity` grows the block (buying only the difference) or shrinks it (releasing the newest numbers), never " +
      "replaces it. Its id is generated and stays the same for the block's whole life; a block cannot be imported " +
      "(import its numbers as InboundNumbers).",
    replacementNote:
      "Changing it replaces the block: new numbers are bought first, then these are released.",
    properties: {
      ...locationProperties("numbers"),
      quantity: {
        type: "integer",
        minimum: 1,
        maximum: MAX_BLOCK_QUANTITY,
        input: "required",
        output: "required",
        example: 3,
        messages: {
          required: "quantity is required: set it to how many numbers the block holds, e.g. 3",
          minimum: "quantity must be at least 1; to release every number, delete the NumberBlock",
          maximum: `quantity must be at most ${MAX_BLOCK_QUANTITY} per block; split larger fleets into several blocks`,
        },
        description:
          `How many numbers the block holds (1 to ${MAX_BLOCK_QUANTITY}). Changing it updates the block in place: ` +
          "growing buys only the difference in one purchase, shrinking releases the newest numbers.",
        outputDescription:
          "How many numbers the block holds: always the length of `numbers` (see `requestedQuantity`).",
      },
      allowPartial: {
        type: "boolean",
        input: "optional",
        output: "optional",
        messages: { type: "allowPartial must be true or false" },
        description:
          "Whether a purchase succeeds even if not all the requested numbers are available: `true` keeps whatever " +
          "Aculab could sell. Default false: a shortfall is an error, and any numbers bought are recorded in " +
          "state. Changing it updates the block in place.",
      },
      numbers: {
        type: "array",
        items: { type: "string" },
        output: "required",
        description:
          "The numbers the block holds, international format, in the order they were bought; a shrink releases from the end.",
      },
      monthlyPrice: {
        type: "number",
        output: "required",
        description: "What the block's numbers cost per month together, in US dollars.",
      },
      requestedQuantity: {
        type: "integer",
        output: "optional",
        description:
          "The quantity the program asked for, when the block holds fewer numbers (an allowPartial block that " +
          "came up short). Absent when the block holds what was asked for. The block buys the rest only when " +
          "`quantity` changes.",
      },
      development: development("the block's numbers"),
    },
  },
} as const satisfies Record<string, ResourceModel>;
