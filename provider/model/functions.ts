import type { FieldModel, FunctionModel } from "./spec";

const filter = (what: string) =>
  ({
    type: "string",
    description: what,
  }) as const satisfies FieldModel;

const names = (what: string) =>
  ({
    type: "array",
    items: { type: "string" },
    required: true,
    description: what,
  }) as const satisfies FieldModel;

/** The data functions: where numbers can be bought, and what the account holds. */
export const functions = {
  getSupportedCountries: {
    description:
      "The countries for which telephone numbers can be purchased (tel_get_supported_countries).",
    inputs: {
      didType: {
        ref: "DidType",
        description:
          'The type of numbers a country must support to be listed (Aculab\'s default: "geographic").',
      },
    },
    outputs: {
      countries: names(
        "The names of the countries supported, as the resources' `country` takes them.",
      ),
    },
  },
  getSupportedStates: {
    description:
      "The states in a country for which telephone numbers can be purchased (tel_get_supported_states). Not all countries support states.",
    inputs: {
      country: {
        type: "string",
        required: true,
        description: 'The country in which to list the supported states, e.g. "Canada".',
      },
    },
    outputs: {
      states: names("The names of the states supported, as the resources' `state` takes them."),
    },
  },
  getSupportedRegions: {
    description:
      "The regions in a country (or state) for which telephone numbers can be purchased (tel_get_supported_regions): " +
      'region names for "geographic" numbers, the supported number prefixes for "national" and "tollfree" ones.',
    inputs: {
      country: {
        type: "string",
        required: true,
        description: 'The country in which to list the supported regions, e.g. "United Kingdom".',
      },
      state: {
        type: "string",
        description:
          "The state in which to list the supported regions. Only valid for countries that support states.",
      },
      didType: {
        ref: "DidType",
        description:
          'The type of numbers a region must support to be listed (Aculab\'s default: "geographic").',
      },
    },
    outputs: {
      regions: names(
        "The names or number prefixes of the regions supported, as the resources' `region` takes them.",
      ),
    },
  },
  listRegulationAddresses: {
    description:
      "The regulation addresses registered on the cloud account (tel_list_regulation_addresses). Some countries " +
      "require one when purchasing a number: see the resources' `regulationAddress`.",
    inputs: {},
    outputs: {
      addresses: {
        type: "map",
        values: { ref: "RegulationAddress" },
        required: true,
        description: "The addresses, by name.",
      },
    },
  },
  listNumbers: {
    description:
      "The telephone numbers the account has purchased (tel_list_numbers), optionally only those at a location; sorted by number.",
    inputs: {
      country: filter("Only numbers in this country."),
      state: filter("Only numbers in this state. Only valid for some countries."),
      region: filter("Only numbers in this region (a region name, or a number prefix)."),
      didType: { ref: "DidType", description: "Only numbers of this type." },
    },
    outputs: {
      numbers: {
        type: "array",
        items: { ref: "OwnedNumber" },
        required: true,
        description: "The numbers, sorted by number.",
      },
    },
  },
} as const satisfies Record<string, FunctionModel>;
