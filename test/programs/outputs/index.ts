// Declares one resource of each kind and exports, for each, the names of the properties that are
// Outputs on the object the program holds: what `number.allowLandline` and the like resolve from.
import * as pulumi from "@pulumi/pulumi";
import * as aculab from "pulumi-aculab";

const outputProperties = (resource: object) =>
  Object.entries(resource)
    .filter(([name, value]) => pulumi.Output.isInstance(value) && !name.startsWith("__"))
    .map(([name]) => name)
    .filter((name) => name !== "id" && name !== "urn")
    .sort();

export default async function main() {
  const number = new aculab.InboundNumber("support", {
    country: "United Kingdom",
    region: "Milton Keynes",
  });
  const block = new aculab.NumberBlock("sales", {
    country: "Spain",
    region: "901",
    didType: "tollfree",
    quantity: 2,
    allowLandline: true,
  });
  return {
    inboundNumber: outputProperties(number),
    numberBlock: outputProperties(block),
  };
}
