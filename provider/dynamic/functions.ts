import * as pulumi from "@pulumi/pulumi";
import type { FunctionArgs, FunctionResult, NumberAccount, ProviderSession } from "../resources";

let programSession: ProviderSession | undefined;

/**
 * Dynamic providers cannot serve invoke, so the data functions run in the program's own process,
 * configured from the same stack config and environment variables as the resources. Their
 * arguments and results are the model's (provider/model/model.ts). The client, zod and the
 * account's machinery load with the first call: a program that only declares resources, as most
 * do, never pays for them (docs/performance.md).
 */
async function programFunctions() {
  const resources = await import("../resources");
  // The program's own process is connected to the engine, so `pulumi.log` reaches it: each
  // Aculab request of a data function shows with `pulumi up --debug` like the resources' do.
  programSession ??= new resources.ProviderSession(resources.defaultTuning, {
    debug: (message) => void pulumi.log.debug(message),
    warn: (message) => void pulumi.log.warn(message),
    // The program's own run waits for its log messages before it ends.
    drained: () => Promise.resolve(),
  });
  const config = resources.resolveProviderConfig((key) => pulumi.runtime.getConfig(key));
  const account: NumberAccount = programSession.accountFor(config);
  return { functions: resources.dataFunctions, account };
}

type OutputArgs<T> = { [K in keyof T]: pulumi.Input<T[K]> };

export type GetSupportedCountriesArgs = FunctionArgs<"getSupportedCountries">;
export type GetSupportedCountriesResult = FunctionResult<"getSupportedCountries">;
export type GetSupportedStatesArgs = FunctionArgs<"getSupportedStates">;
export type GetSupportedStatesResult = FunctionResult<"getSupportedStates">;
export type GetSupportedRegionsArgs = FunctionArgs<"getSupportedRegions">;
export type GetSupportedRegionsResult = FunctionResult<"getSupportedRegions">;
export type ListRegulationAddressesResult = FunctionResult<"listRegulationAddresses">;
export type ListNumbersArgs = FunctionArgs<"listNumbers">;
export type ListNumbersResult = FunctionResult<"listNumbers">;

export async function getSupportedCountries(
  args: GetSupportedCountriesArgs = {},
): Promise<GetSupportedCountriesResult> {
  const { functions, account } = await programFunctions();
  return functions.getSupportedCountries(account, args);
}
export function getSupportedCountriesOutput(
  args: OutputArgs<GetSupportedCountriesArgs> = {},
): pulumi.Output<GetSupportedCountriesResult> {
  return pulumi.output(args).apply((a) => getSupportedCountries(a as GetSupportedCountriesArgs));
}

export async function getSupportedStates(
  args: GetSupportedStatesArgs,
): Promise<GetSupportedStatesResult> {
  const { functions, account } = await programFunctions();
  return functions.getSupportedStates(account, args);
}
export function getSupportedStatesOutput(
  args: OutputArgs<GetSupportedStatesArgs>,
): pulumi.Output<GetSupportedStatesResult> {
  return pulumi.output(args).apply((a) => getSupportedStates(a as GetSupportedStatesArgs));
}

export async function getSupportedRegions(
  args: GetSupportedRegionsArgs,
): Promise<GetSupportedRegionsResult> {
  const { functions, account } = await programFunctions();
  return functions.getSupportedRegions(account, args);
}
export function getSupportedRegionsOutput(
  args: OutputArgs<GetSupportedRegionsArgs>,
): pulumi.Output<GetSupportedRegionsResult> {
  return pulumi.output(args).apply((a) => getSupportedRegions(a as GetSupportedRegionsArgs));
}

export async function listRegulationAddresses(): Promise<ListRegulationAddressesResult> {
  const { functions, account } = await programFunctions();
  return functions.listRegulationAddresses(account, {});
}
export function listRegulationAddressesOutput(): pulumi.Output<ListRegulationAddressesResult> {
  return pulumi.output(listRegulationAddresses());
}

export async function listNumbers(args: ListNumbersArgs = {}): Promise<ListNumbersResult> {
  const { functions, account } = await programFunctions();
  return functions.listNumbers(account, args);
}
export function listNumbersOutput(
  args: OutputArgs<ListNumbersArgs> = {},
): pulumi.Output<ListNumbersResult> {
  return pulumi.output(args).apply((a) => listNumbers(a as ListNumbersArgs));
}
