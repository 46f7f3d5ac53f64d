import type { DidType } from "../client/services";
import type { FieldModel, PackageModel, PropertyModel } from "./spec";

/**
 * The one description of the package: every resource, function, type and provider setting, with
 * its properties, types, required-ness, defaults, descriptions (in the Aculab reference's wording
 * where it fits), the inputs whose change replaces a resource, and the outputs.
 *
 * What follows from it:
 * - schema.json, generated (`npm run generate`; test/model/generated.test.ts fails when stale);
 * - the zod validators of resource inputs and function arguments (derive.ts) and of the provider
 *   settings (provider/resources/config.ts), at run time;
 * - the TypeScript types of inputs, outputs, arguments and results (types.ts, at type level), which
 *   the lifecycle, the dynamic resource classes and the data functions are written against.
 *
 * The package version and licence are package.json's, read by the generator.
 */

export const MAX_BLOCK_QUANTITY = 1000;

/** GitHub home of the project; also the Go module path of the generated SDK. */
const REPOSITORY = "github.com/aculab-pulumi/pulumi-aculab";

/** The location and purchase inputs both resources share; `subject` is what they locate. */
function locationProperties(subject: "number" | "numbers") {
  const toll = subject === "number" ? "A toll-free number" : "A block of toll-free numbers";
  const callType = (calls: string, what: string) =>
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
    }) as const;
  return {
    country: {
      type: "string",
      input: "required",
      output: "required",
      replaceOnChanges: true,
      example: "United Kingdom",
      description: `The country where the ${subject} ${subject === "number" ? "is" : "are"} located, as getSupportedCountries names it, e.g. "United Kingdom".`,
    },
    state: {
      type: "string",
      input: "optional",
      output: "optional",
      replaceOnChanges: true,
      example: "Alberta",
      description: `The state where the ${subject} ${subject === "number" ? "is" : "are"} located. Some countries (Canada, the United States) require this to be specified; getSupportedStates lists their states, e.g. "Alberta".`,
    },
    region: {
      type: "string",
      input: "required",
      output: "required",
      replaceOnChanges: true,
      example: "Milton Keynes",
      description:
        `The region where the ${subject} ${subject === "number" ? "is" : "are"} located. This is a region name for geographic numbers (e.g. "Milton Keynes") ` +
        `or a number prefix for toll free or national numbers (e.g. "800"), as getSupportedRegions lists them.`,
    },
    didType: {
      ref: "DidType",
      input: "optional",
      output: "required",
      replaceOnChanges: true,
      default: "geographic",
      description: `The type of ${subject === "number" ? "the number" : "each number"}: one of "geographic", "national", "mobile" or "tollfree".`,
    },
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
    allowLandline: {
      ...callType("landline numbers", "landlines"),
      messages: {
        type: "allowLandline must be true or false (it applies to toll-free numbers only)",
      },
    },
    allowCellular: {
      ...callType("cellular (mobile) phones", "cell phones (mobiles)"),
      messages: {
        type: "allowCellular must be true or false (it applies to toll-free numbers only)",
      },
    },
    allowPayphone: {
      ...callType("payphones", "payphones"),
      messages: {
        type: "allowPayphone must be true or false (it applies to toll-free numbers only)",
      },
    },
  } as const satisfies Record<string, PropertyModel>;
}

const development = (what: string) =>
  ({
    type: "boolean",
    output: "optional",
    description:
      `\`true\` when ${what} came from development mode (\`aculab:development\`, through ` +
      `tel_purchase_development): never bought, costing nothing, and never looked up in the account nor ` +
      `released. Absent when bought for real.`,
  }) as const satisfies PropertyModel;

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

export const model = {
  name: "aculab",
  displayName: "Aculab Cloud",
  description:
    "Buy, track and release Aculab Cloud inbound telephone numbers as code: single numbers and blocks of " +
    "numbers, geographic, national, mobile and toll-free, with data functions for where numbers can be bought.",
  keywords: ["pulumi", "aculab", "telephony", "category/network", "kind/native"],
  homepage: `https://${REPOSITORY}`,
  repository: `https://${REPOSITORY}`,
  license: "Apache-2.0",
  publisher: "pulumi-aculab",
  pluginDownloadURL: `github://api.${REPOSITORY}`,
  language: {
    // TypeScript and JavaScript programs use the dynamic resources of the npm package
    // `pulumi-aculab`, which needs no plugin; an SDK generated for Node.js speaks to the native
    // plugin instead, so it must not take that name. The scope keeps it ours.
    nodejs: {
      packageName: "@pulumi-aculab/plugin-sdk",
      packageDescription:
        "Aculab Cloud inbound telephone numbers through the native pulumi-resource-aculab plugin.",
      respectSchemaVersion: true,
    },
    python: {
      packageName: "pulumi_aculab",
      pyproject: { enabled: true },
      respectSchemaVersion: true,
    },
    go: {
      importBasePath: `${REPOSITORY}/sdk/go/aculab`,
      generateResourceContainerTypes: true,
      respectSchemaVersion: true,
    },
    csharp: {
      rootNamespace: "AculabPulumi",
      namespaces: { aculab: "Aculab" },
      respectSchemaVersion: true,
    },
    java: {
      basePackage: "io.github.aculabpulumi",
    },
  },
  providerDescription:
    "The Aculab Cloud provider. Without explicit arguments it reads the aculab:* stack config, then the ACULAB_* " +
    "environment variables.",
  config: {
    cloudId: {
      type: "string",
      env: "ACULAB_CLOUD_ID",
      needed: true,
      providerOutput: true,
      description:
        'The Aculab Cloud id, e.g. "1-2-0". Falls back to the ACULAB_CLOUD_ID environment variable.',
    },
    username: {
      type: "string",
      env: "ACULAB_USERNAME",
      needed: true,
      providerOutput: true,
      description:
        "The Aculab Cloud username (an email address). Falls back to the ACULAB_USERNAME environment variable.",
    },
    apiKey: {
      type: "string",
      env: "ACULAB_API_KEY",
      needed: true,
      secret: true,
      description:
        "The Aculab Cloud API access key. Set it as a secret (`pulumi config set aculab:apiKey --secret`); falls " +
        "back to the ACULAB_API_KEY environment variable. It is never returned in any output.",
    },
    endpoint: {
      type: "string",
      env: "ACULAB_ENDPOINT",
      providerOutput: true,
      description:
        "The base URL of the Aculab Cloud web services, to use another endpoint than " +
        "https://ws-<cloudId>.aculabcloud.net, e.g. a local simulator. Falls back to the ACULAB_ENDPOINT " +
        "environment variable.",
    },
    development: {
      type: "boolean",
      env: "ACULAB_DEVELOPMENT",
      default: false,
      description:
        "Development mode: purchases go to tel_purchase_development, which costs nothing, and refresh and " +
        "delete never touch real numbers. For review stacks and CI. Falls back to the ACULAB_DEVELOPMENT " +
        "environment variable (default false).",
    },
    maxConcurrency: {
      type: "integer",
      env: "ACULAB_MAX_CONCURRENCY",
      description:
        "The most Aculab web-service requests in flight at once. Falls back to the ACULAB_MAX_CONCURRENCY " +
        "environment variable.",
    },
    timeoutMs: {
      type: "integer",
      env: "ACULAB_TIMEOUT_MS",
      description:
        "How long one Aculab web-service request may take, in milliseconds. Falls back to the ACULAB_TIMEOUT_MS " +
        "environment variable.",
    },
    listingWaitMs: {
      type: "integer",
      env: "ACULAB_LISTING_WAIT_MS",
      description:
        "How long, in milliseconds, a number Aculab sold may take to appear in tel_list_numbers (default 15000). " +
        "When a purchase's answer is lost, the provider watches the account's listing for this long after it " +
        "before it decides what the purchase bought; numbers that appear at the place only later are never taken " +
        "for its own. Falls back to the ACULAB_LISTING_WAIT_MS environment variable.",
    },
  },
  types: {
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
      description:
        "A telephone number the account has purchased, as tel_list_numbers describes it.",
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
  },
  resources: {
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
  },
  functions: {
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
  },
} as const satisfies PackageModel;

export type Model = typeof model;
