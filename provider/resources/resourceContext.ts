import { NumberAccount } from "./account";
import { ConfigLookup, ProviderConfig, resolveProviderConfig } from "./config";
import { ProviderSession } from "./session";

/**
 * What a lifecycle method needs from its front door: the account, once configured, and where to
 * warn. Check can run before credentials exist (a preview without them), so it asks for the
 * account only if present.
 */
export interface ResourceContext {
  account(): NumberAccount;
  accountIfConfigured(): NumberAccount | undefined;
  /**
   * Where a lifecycle says what it chose not to do (a number left to the resource that holds it
   * now): an engine warning, on the resource when the door knows its URN.
   */
  warn(message: string): void;
}

/**
 * The context both front doors build from their configuration lookup. A configuration problem is
 * kept, not thrown, so that check can still validate inputs; the first operation that needs the
 * account reports it.
 */
export function contextFrom(lookup: ConfigLookup, session: ProviderSession): ResourceContext {
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
      return session.accountFor(config);
    },
    accountIfConfigured: () => (config ? session.accountFor(config) : undefined),
    warn: (message) => session.logger.warn(message),
  };
}

/** The same context, its warnings on the resource `urn` names. */
export function onResource(
  context: ResourceContext,
  session: ProviderSession,
  urn: string,
): ResourceContext {
  return { ...context, warn: (message) => session.logger.warn(message, urn) };
}
