// For the lifecycle tests: a NumberAccount on a fresh simulator, reached through the real client,
// so each test can assert the exact requests the lifecycle sends.

import { AculabClient } from "../client";
import { startSimulator, RunningSimulator, SimulatorOptions } from "../../simulator";
import { AccountTuning, NumberAccount } from "./account";
import { ResourceContext } from "./resourceContext";

/** No listing cache, so every read shows in the request log; short waits, so tests stay quick. */
export const fastTuning: AccountTuning = {
  listingCacheMs: 0,
  batchWindowMs: 1,
  releaseBatchSize: 100,
  listingWaitMs: 300,
  listingPollMs: 10,
};

export interface SimulatedAccount {
  simulator: RunningSimulator;
  client: AculabClient;
  account: NumberAccount;
  context: ResourceContext;
  /** What the simulator was asked, as [service, params] pairs, in order. */
  calls(): Array<[string, Record<string, string>]>;
  stop(): Promise<void>;
}

export function clientFor(simulator: RunningSimulator): AculabClient {
  return new AculabClient({ ...simulator.credentials, endpoint: simulator.url, retry: { baseDelayMs: 1, maxDelayMs: 5 } });
}

export async function simulatedAccount(
  options: SimulatorOptions & { development?: boolean; tuning?: AccountTuning } = {},
): Promise<SimulatedAccount> {
  const { development = false, tuning = fastTuning, ...simulatorOptions } = options;
  const simulator = await startSimulator(simulatorOptions);
  const client = clientFor(simulator);
  const account = new NumberAccount(client, development, tuning);
  return {
    simulator,
    client,
    account,
    context: { account: () => account, accountIfConfigured: () => account },
    calls: () => simulator.requests().map((r) => [r.service, r.params]),
    stop: () => simulator.stop(),
  };
}
