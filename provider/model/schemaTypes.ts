import type { DidType } from "../client/services";
import type { EnumModel, ObjectModel } from "./spec";

/** The types resources and functions refer to by name (`ref`), as schema.json's `types`. */
export const schemaTypes = {
  DidType: {
    kind: "enum",
    description:
      'The type of an inbound number, as Aculab\'s `did_type` names it. One of "geographic", "national", "mobile" or "tollfree".',
    values: {
      geographic: "A number tied to a town or area: its region is a region name.",
      national: "A non-geographic number reachable nationwide: its region is a number prefix.",
      mobile: "A mobile number.",
      tollfree:
        "A number free to the caller (toll-free numbers incur an extra cost per minute); its region is a number prefix. Allow at least one of allowLandline, allowCellular, allowPayphone.",
    } satisfies Record<DidType, string>,
  },
  RegulationAddress: {
    kind: "object",
    description:
      "A regulation address registered on the cloud account, as tel_list_regulation_addresses describes it.",
    properties: {
      country: { type: "string", required: true, description: "The country of the address." },
      state: {
        type: "string",
        description: "The state of the address, for countries that have states.",
      },
      region: { type: "string", required: true, description: "The region of the address." },
    },
  },
  OwnedNumber: {
    kind: "object",
    description: "A telephone number the account has purchased, as tel_list_numbers describes it.",
    properties: {
      number: {
        type: "string",
        required: true,
        description: "The telephone number, international format, digits only.",
      },
      country: {
        type: "string",
        required: true,
        description: "The country in which the number is located.",
      },
      state: {
        type: "string",
        description:
          "The state in which the number is located. Only for countries that have states.",
      },
      region: {
        type: "string",
        required: true,
        description:
          "The region where the number is located. This is a region name for geographic numbers or a number prefix for toll free or national numbers.",
      },
      didType: { ref: "DidType", required: true, description: "The type of the number." },
      monthlyPrice: {
        type: "number",
        required: true,
        description: "The price per month for the number in US dollars.",
      },
      purchased: {
        type: "string",
        required: true,
        description: "The date on which the number was purchased in the format YYYY-MM-DD.",
      },
    },
  },
} as const satisfies Record<string, EnumModel | ObjectModel>;
