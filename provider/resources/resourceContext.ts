import { NumberAccount } from "./account";

/**
 * What a lifecycle method needs from its front door: the account, once configured. Check can run
 * before credentials exist (a preview without them), so it asks for the account only if present.
 */
export interface ResourceContext {
  account(): NumberAccount;
  accountIfConfigured(): NumberAccount | undefined;
}
