// The engine suite's failure program: `count` InboundNumbers `line-<i>` (stack config
// engine-lines:count, default 1) spread round-robin over the first `locations` places below
// (engine-lines:locations, default 1). Mönchengladbach is second, so every run with more than one
// place buys a non-ASCII name too.
import * as pulumi from "@pulumi/pulumi";
import * as aculab from "pulumi-aculab";

type Place = Omit<aculab.InboundNumberArgs, "number">;

const places: Place[] = [
  { country: "United Kingdom", region: "Milton Keynes" },
  { country: "Germany", region: "Mönchengladbach" },
  { country: "Canada", state: "Ontario", region: "Toronto" },
  { country: "United States", state: "New York", region: "New York City" },
  { country: "Spain", region: "Madrid" },
];

const config = new pulumi.Config();
const count = config.getNumber("count") ?? 1;
const locations = Math.min(config.getNumber("locations") ?? 1, places.length);

const lines = Array.from(
  { length: count },
  (_, i) => new aculab.InboundNumber(`line-${i}`, places[i % locations]),
);

export const numbers = lines.map((line) => line.number);
