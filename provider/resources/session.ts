import { AculabClient } from "../client";
import { AccountTuning, defaultTuning, NumberAccount } from "./account";
import { fileCommandListings, pulumiCommandId } from "./commandListings";
import { ProviderConfig } from "./config";

const accounts = new Map<string, NumberAccount>();

/**
 * For tests and benchmarks, not a user setting: PULUMI_ACULAB_TEST_TUNING holds JSON overriding
 * some of AccountTuning in a provider process the test starts (a host or the plugin), so that a
 * test can make a release batch close on its size (an event it controls) instead of a window of
 * milliseconds. Anything but an object of non-negative numbers for known keys is refused.
 */
export const TEST_TUNING_VARIABLE = "PULUMI_ACULAB_TEST_TUNING";

export function tuningFromEnvironment(env: NodeJS.ProcessEnv = process.env): AccountTuning {
  const text = env[TEST_TUNING_VARIABLE];
  if (text === undefined || text === "") return defaultTuning;
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${TEST_TUNING_VARIABLE} must be a JSON object, got ${text}`);
  }
  for (const [key, value] of Object.entries(parsed)) {
    if (!(key in defaultTuning) || typeof value !== "number" || !(value >= 0)) {
      throw new Error(
        `${TEST_TUNING_VARIABLE}: ${key} must be one of ${Object.keys(defaultTuning).join(", ")}, ` +
          `set to a number of at least 0`,
      );
    }
  }
  return { ...defaultTuning, ...(parsed as Partial<AccountTuning>) };
}

/**
 * One NumberAccount per account and mode in this process, so that every resource of a deployment
 * (both resource types, both front doors) shares the same batching and serialization.
 */
export function accountFor(
  config: ProviderConfig,
  tuning: AccountTuning = tuningFromEnvironment(),
): NumberAccount {
  const key = JSON.stringify([
    config.cloudId,
    config.username,
    config.apiKey,
    config.endpoint ?? "",
    config.development,
    config.listingWaitMs ?? null,
  ]);
  let account = accounts.get(key);
  if (!account) {
    const client = new AculabClient({
      cloudId: config.cloudId,
      username: config.username,
      apiKey: config.apiKey,
      endpoint: config.endpoint,
      maxConcurrency: config.maxConcurrency,
      timeoutMs: config.timeoutMs,
    });
    // The user's aculab:listingWaitMs wins over a test's tuning: it is the account's own pace.
    const listingWaitMs = config.listingWaitMs ?? tuning.listingWaitMs;
    const command = pulumiCommandId();
    account = new NumberAccount(
      client,
      config.development,
      { ...tuning, listingWaitMs },
      undefined,
      undefined,
      command === undefined ? undefined : fileCommandListings(command, key),
    );
    accounts.set(key, account);
  }
  return account;
}
