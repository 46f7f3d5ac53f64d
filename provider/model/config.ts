import type { ConfigSettingModel } from "./spec";

/**
 * The provider's settings: stack config `aculab:<name>`, or the environment variable `env`
 * (provider/resources/config.ts resolves them; schema.json's `config` and the registry's
 * configuration page are generated from them).
 */
export const config = {
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
} as const satisfies Record<string, ConfigSettingModel>;
