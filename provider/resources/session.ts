import { AculabClient } from "../client";
import { AccountTuning, defaultTuning, NumberAccount } from "./account";
import { ProviderConfig } from "./config";

const accounts = new Map<string, NumberAccount>();

/**
 * One NumberAccount per account and mode in this process, so that every resource of a deployment
 * (both resource types, both front doors) shares the same batching and serialization.
 */
export function accountFor(
  config: ProviderConfig,
  tuning: AccountTuning = defaultTuning,
): NumberAccount {
  const key = JSON.stringify([
    config.cloudId,
    config.username,
    config.apiKey,
    config.endpoint ?? "",
    config.development,
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
    account = new NumberAccount(client, config.development, tuning);
    accounts.set(key, account);
  }
  return account;
}
