import * as pulumi from "@pulumi/pulumi";
import {
  accountFor,
  dataFunctions,
  FunctionArgs,
  NumberAccount,
  resolveProviderConfig,
} from "../resources";

/**
 * Dynamic providers cannot serve invoke, so the data functions run in the program's own process,
 * configured from the same stack config and environment variables as the resources.
 */
function programAccount(): NumberAccount {
  return accountFor(resolveProviderConfig((key) => pulumi.runtime.getConfig(key)));
}

type OutputArgs<T> = { [K in keyof T]: pulumi.Input<T[K]> };

export function getSupportedCountries(args: FunctionArgs<"getSupportedCountries"> = {}) {
  return dataFunctions.getSupportedCountries(programAccount(), args);
}
export function getSupportedCountriesOutput(
  args: OutputArgs<FunctionArgs<"getSupportedCountries">> = {},
) {
  return pulumi
    .output(args)
    .apply((a) => getSupportedCountries(a as FunctionArgs<"getSupportedCountries">));
}

export function getSupportedStates(args: FunctionArgs<"getSupportedStates">) {
  return dataFunctions.getSupportedStates(programAccount(), args);
}
export function getSupportedStatesOutput(args: OutputArgs<FunctionArgs<"getSupportedStates">>) {
  return pulumi
    .output(args)
    .apply((a) => getSupportedStates(a as FunctionArgs<"getSupportedStates">));
}

export function getSupportedRegions(args: FunctionArgs<"getSupportedRegions">) {
  return dataFunctions.getSupportedRegions(programAccount(), args);
}
export function getSupportedRegionsOutput(args: OutputArgs<FunctionArgs<"getSupportedRegions">>) {
  return pulumi
    .output(args)
    .apply((a) => getSupportedRegions(a as FunctionArgs<"getSupportedRegions">));
}

export function listRegulationAddresses() {
  return dataFunctions.listRegulationAddresses(programAccount());
}
export function listRegulationAddressesOutput() {
  return pulumi.output(listRegulationAddresses());
}

export function listNumbers(args: FunctionArgs<"listNumbers"> = {}) {
  return dataFunctions.listNumbers(programAccount(), args);
}
export function listNumbersOutput(args: OutputArgs<FunctionArgs<"listNumbers">> = {}) {
  return pulumi.output(args).apply((a) => listNumbers(a as FunctionArgs<"listNumbers">));
}
