import * as pulumi from "@pulumi/pulumi";
import {
  dataFunctions,
  defaultTuning,
  FunctionArgs,
  FunctionResult,
  NumberAccount,
  ProviderSession,
  resolveProviderConfig,
} from "../resources";

/**
 * The program's own process is connected to the engine, so `pulumi.log` reaches it: each Aculab
 * request of a data function shows with `pulumi up --debug` like the resources' do.
 */
const programSession = new ProviderSession(defaultTuning, {
  debug: (message) => void pulumi.log.debug(message),
  warn: (message) => void pulumi.log.warn(message),
  // The program's own run waits for its log messages before it ends.
  drained: () => Promise.resolve(),
});

/**
 * Dynamic providers cannot serve invoke, so the data functions run in the program's own process,
 * configured from the same stack config and environment variables as the resources. Their
 * arguments and results are the model's (provider/model/model.ts).
 */
function programAccount(): NumberAccount {
  return programSession.accountFor(resolveProviderConfig((key) => pulumi.runtime.getConfig(key)));
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

export function getSupportedCountries(
  args: GetSupportedCountriesArgs = {},
): Promise<GetSupportedCountriesResult> {
  return dataFunctions.getSupportedCountries(programAccount(), args);
}
export function getSupportedCountriesOutput(
  args: OutputArgs<GetSupportedCountriesArgs> = {},
): pulumi.Output<GetSupportedCountriesResult> {
  return pulumi.output(args).apply((a) => getSupportedCountries(a as GetSupportedCountriesArgs));
}

export function getSupportedStates(
  args: GetSupportedStatesArgs,
): Promise<GetSupportedStatesResult> {
  return dataFunctions.getSupportedStates(programAccount(), args);
}
export function getSupportedStatesOutput(
  args: OutputArgs<GetSupportedStatesArgs>,
): pulumi.Output<GetSupportedStatesResult> {
  return pulumi.output(args).apply((a) => getSupportedStates(a as GetSupportedStatesArgs));
}

export function getSupportedRegions(
  args: GetSupportedRegionsArgs,
): Promise<GetSupportedRegionsResult> {
  return dataFunctions.getSupportedRegions(programAccount(), args);
}
export function getSupportedRegionsOutput(
  args: OutputArgs<GetSupportedRegionsArgs>,
): pulumi.Output<GetSupportedRegionsResult> {
  return pulumi.output(args).apply((a) => getSupportedRegions(a as GetSupportedRegionsArgs));
}

export function listRegulationAddresses(): Promise<ListRegulationAddressesResult> {
  return dataFunctions.listRegulationAddresses(programAccount(), {});
}
export function listRegulationAddressesOutput(): pulumi.Output<ListRegulationAddressesResult> {
  return pulumi.output(listRegulationAddresses());
}

export function listNumbers(args: ListNumbersArgs = {}): Promise<ListNumbersResult> {
  return dataFunctions.listNumbers(programAccount(), args);
}
export function listNumbersOutput(
  args: OutputArgs<ListNumbersArgs> = {},
): pulumi.Output<ListNumbersResult> {
  return pulumi.output(args).apply((a) => listNumbers(a as ListNumbersArgs));
}
