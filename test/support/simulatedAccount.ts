// For the lifecycle tests: a NumberAccount on a fresh simulator, reached through the real client,
// so each test can assert the exact requests the lifecycle sends.

import { AculabClient } from "../../provider/client";
import { startSimulator, RunningSimulator, SimulatorOptions } from "../../simulator";
import { AccountTuning, defaultTuning, NumberAccount } from "../../provider/resources/account";
import { ResourceContext } from "../../provider/resources/resourceContext";
import { eachTest } from "./eachTest";

/** The default listing cache (about one engine operation), and short waits so tests stay quick. */
export const fastTuning: AccountTuning = {
  ...defaultTuning,
  batchWindowMs: 1,
  listingWaitMs: 300,
  listingPollMs: 10,
};

export interface SimulatedAccount {
  simulator: RunningSimulator;
  client: AculabClient;
  /** The account of the current provider process. */
  readonly account: NumberAccount;
  context: ResourceContext;
  /**
   * A new account on the same simulator, as the next `pulumi` command gets from its fresh host:
   * nothing cached from earlier operations.
   */
  nextCommand(): void;
  /** What the simulator was asked, as [service, params] pairs, in order. */
  calls(): Array<[string, Record<string, string>]>;
  stop(): Promise<void>;
}

export function clientFor(simulator: RunningSimulator): AculabClient {
  return new AculabClient({
    ...simulator.credentials,
    endpoint: simulator.url,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
}

/**
 * `clock`: what the provider times a lost purchase's window on (NumberAccount's clock), e.g. the
 * simulator's own; by default the wall clock.
 */
export async function simulatedAccount(
  options: SimulatorOptions & {
    development?: boolean;
    tuning?: AccountTuning;
    clock?: () => number;
  } = {},
): Promise<SimulatedAccount> {
  const { development = false, tuning = fastTuning, clock, ...simulatorOptions } = options;
  const simulator = await startSimulator(simulatorOptions);
  const client = clientFor(simulator);
  let account = new NumberAccount(client, development, tuning, clock);
  return {
    simulator,
    client,
    get account() {
      return account;
    },
    context: { account: () => account, accountIfConfigured: () => account, warn: () => undefined },
    nextCommand: () => {
      account = new NumberAccount(client, development, tuning, clock);
    },
    calls: () => simulator.requests().map((r) => [r.service, r.params]),
    stop: () => simulator.stop(),
  };
}

/**
 * A context whose account, tuned as a simulated account's, calls `client`: for a test's stand-in
 * for Aculab, most often the simulator's client with one method replaced.
 */
export function contextWith(
  client: AculabClient,
  development = false,
): ResourceContext & { account(): NumberAccount } {
  const account = new NumberAccount(client, development, fastTuning);
  return { account: () => account, accountIfConfigured: () => account, warn: () => undefined };
}

/** A fresh simulated account (with `options`) for each test of the describe block that calls it, handed to `use`. */
export function simulatedAccountEachTest(
  options: Parameters<typeof simulatedAccount>[0],
  use: (sim: SimulatedAccount) => void,
): void {
  eachTest(() => simulatedAccount(options), use);
}
