import { AculabClient, Logger } from "../client";
import { AccountTuning, NumberAccount } from "./account";
import { fileCommandListings, pulumiCommandId } from "./commandListings";
import { clientOptionsOf, ProviderConfig } from "./config";

/**
 * The provider of one process, as its entry point wires it (the plugin's main, the dynamic host,
 * the program's data functions; a test's own entry point): the tuning its accounts batch with and
 * the logger that reaches the engine. It holds one NumberAccount per account and mode, so that
 * every resource of a deployment (both resource types) shares the same batching and serialization.
 */
export class ProviderSession {
  private readonly accounts = new Map<string, NumberAccount>();

  constructor(
    readonly tuning: AccountTuning,
    readonly logger: Logger,
  ) {}

  accountFor(config: ProviderConfig): NumberAccount {
    const key = JSON.stringify([
      config.cloudId,
      config.username,
      config.apiKey,
      config.endpoint ?? "",
      config.development,
      config.listingWaitMs ?? null,
    ]);
    let account = this.accounts.get(key);
    if (!account) {
      account = this.newAccount(config, key);
      this.accounts.set(key, account);
    }
    return account;
  }

  private newAccount(config: ProviderConfig, key: string): NumberAccount {
    const client = new AculabClient({ ...clientOptionsOf(config), logger: this.logger });
    // The user's aculab:listingWaitMs wins over the entry point's tuning: it is the account's own pace.
    const listingWaitMs = config.listingWaitMs ?? this.tuning.listingWaitMs;
    const command = pulumiCommandId();
    return new NumberAccount(
      client,
      config.development,
      { ...this.tuning, listingWaitMs },
      undefined,
      this.logger,
      command === undefined ? undefined : fileCommandListings(command, key),
    );
  }
}
