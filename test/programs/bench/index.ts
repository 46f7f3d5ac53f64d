// The program the benchmark and the performance tests deploy. Its size and shape come from the
// environment: BENCH_SHAPE "numbers" declares BENCH_COUNT InboundNumbers, "blocks" declares
// NumberBlocks of BENCH_BLOCK_SIZE numbers holding BENCH_COUNT numbers in all. Either way the
// resources are dealt round-robin over the first BENCH_LOCATIONS locations below.
import * as aculab from "pulumi-aculab";

const locations = [
  { country: "United Kingdom", region: "Milton Keynes" },
  { country: "United Kingdom", region: "London" },
  { country: "Germany", region: "Berlin" },
  { country: "Spain", region: "Madrid" },
  { country: "Canada", state: "Ontario", region: "Toronto" },
];

const env = process.env;
const shape = env.BENCH_SHAPE ?? "numbers";
const count = Number(env.BENCH_COUNT ?? "10");
const locationCount = Math.min(Number(env.BENCH_LOCATIONS ?? "4"), locations.length);
const blockSize = Number(env.BENCH_BLOCK_SIZE ?? "25");
const at = (i: number) => ({ ...locations[i % locationCount], didType: "geographic" as const });

if (shape === "numbers") {
  for (let i = 0; i < count; i++) new aculab.InboundNumber(`number-${i}`, at(i));
} else if (shape === "blocks") {
  for (let i = 0, left = count; left > 0; i++, left -= blockSize) {
    new aculab.NumberBlock(`block-${i}`, { ...at(i), quantity: Math.min(blockSize, left) });
  }
} else {
  throw new Error(`BENCH_SHAPE must be "numbers" or "blocks", not "${shape}"`);
}
