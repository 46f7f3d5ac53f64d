import type { Account } from "./account";
import type { RegulationAddress } from "./types";

/** What every service handler is given besides its parameters: the account and its settings. */
export interface ServiceContext {
  account: Account;
  inboundServices: readonly string[];
  regulationAddresses: Readonly<Record<string, RegulationAddress>>;
}
