import { NumberAccount } from "./account";
import { ConfigLookup, ProviderConfig, resolveProviderConfig } from "./config";
import { accountFor } from "./session";

/**
 * What a lifecycle method needs from its front door: the account, once configured. Check can run
 * before credentials exist (a preview without them), so it asks for the account only if present.
 */
export interface ResourceContext {
  account(): NumberAccount;
  accountIfConfigured(): NumberAccount | undefined;
  /**
   * Where a lifecycle says what it chose not to do (a number left to the resource that holds it
   * now). Both front doors leave it unset: the provider's stderr, which the engine shows.
   */
  notice?(message: string): void;
}

/**
 * The context both front doors build from their configuration lookup. A configuration problem is
 * kept, not thrown, so that check can still validate inputs; the first operation that needs the
 * account reports it.
 */
export function contextFrom(lookup: ConfigLookup): ResourceContext {
  let config: ProviderConfig | undefined;
  let problem: unknown;
  try {
    config = resolveProviderConfig(lookup);
  } catch (error) {
    problem = error;
  }
  return {
    account() {
      if (!config) throw problem;
      return accountFor(config);
    },
    accountIfConfigured: () => (config ? accountFor(config) : undefined),
  };
}
