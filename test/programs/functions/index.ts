// Calls every data function from a program, in both forms, and exports the answers as the stack's
// outputs: a capture under mocks shows exactly what a program gets. FUNCTIONS_CASE picks a failing
// call instead: "unknown-country" or "bad-argument".
import * as pulumi from "@pulumi/pulumi";
import * as aculab from "pulumi-aculab";

export default async function main() {
  if (process.env.FUNCTIONS_CASE === "unknown-country") {
    await aculab.getSupportedStates({ country: "Atlantis" });
  }
  if (process.env.FUNCTIONS_CASE === "bad-argument") {
    await aculab.getSupportedRegions({
      country: "Canada",
      didType: "landline" as aculab.client.DidType,
    });
  }
  const canada = pulumi.output("Canada");
  return {
    countries: await aculab.getSupportedCountries(),
    tollfreeCountries: await aculab.getSupportedCountries({ didType: "tollfree" }),
    states: await aculab.getSupportedStates({ country: "Canada" }),
    regions: await aculab.getSupportedRegions({ country: "Canada", state: "Manitoba" }),
    addresses: await aculab.listRegulationAddresses(),
    numbers: await aculab.listNumbers({ country: "United Kingdom" }),
    allNumbers: await aculab.listNumbers(),
    countriesOutput: aculab.getSupportedCountriesOutput({
      didType: pulumi.output("mobile" as const),
    }),
    statesOutput: aculab.getSupportedStatesOutput({ country: canada }),
    regionsOutput: aculab.getSupportedRegionsOutput({ country: canada, didType: "tollfree" }),
    addressesOutput: aculab.listRegulationAddressesOutput(),
    numbersOutput: aculab.listNumbersOutput({ country: pulumi.output("Spain") }),
  };
}
