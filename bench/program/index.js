// The fleet `npm run bench` deploys through the real `pulumi` CLI, and the engine suite's
// call-count tests too. Plain JavaScript, so that no TypeScript compile is in any phase's time.
//
// BENCH_SHAPE "numbers" declares BENCH_COUNT InboundNumbers; "blocks" declares NumberBlocks of
// BENCH_BLOCK_SIZE numbers holding BENCH_COUNT numbers in all. Either way the resources are dealt
// round-robin over the first BENCH_LOCATIONS locations below.
//
// BENCH_PROVIDER "floor" declares the very same resources (same names, inputs and count) as
// dynamic resources whose provider does no I/O and answers fixed outputs: the engine's and the
// dynamic-provider host's own time for the program's shape, which the bench subtracts. Like our
// classes, it declares every output property (BENCH_OUTPUTS, the model's outputs) as an undefined
// input: the Node SDK makes an Output of each, and that cost is the shape's, not our provider's.
//
// BENCH_PROVIDER "lightest" is the lightest floor (issue 22): as many dynamic resources, each with
// two inputs and no declared output, on the same provider that does no I/O. The least any dynamic
// resource of any shape costs the engine and the host: what a user could ever get.
//
// BENCH_PROVIDER "plugin" declares our resources through the other door TypeScript users have: the
// Node SDK's classes (@pulumi-aculab/plugin-sdk), which the native plugin serves; "aculab" (the
// default) through this package's dynamic resources. Same names, inputs and count either way.
//
// BENCH_SHAPE "mixed" declares half the numbers (rounded up) as InboundNumbers and the rest as
// NumberBlocks, as real stacks hold both.
"use strict";
const pulumi = require("@pulumi/pulumi");

const locations = [
  { country: "United Kingdom", region: "Milton Keynes" },
  { country: "United Kingdom", region: "London" },
  { country: "Germany", region: "Berlin" },
  { country: "Spain", region: "Madrid" },
  { country: "Canada", state: "Ontario", region: "Toronto" },
];

const env = process.env;
const shape = env.BENCH_SHAPE || "numbers";
const count = Number(env.BENCH_COUNT || "10");
const locationCount = Math.min(Number(env.BENCH_LOCATIONS || "4"), locations.length);
const blockSize = Number(env.BENCH_BLOCK_SIZE || "25");
const lightest = env.BENCH_PROVIDER === "lightest";
const floor = env.BENCH_PROVIDER === "floor" || lightest;
const at = (i) => ({ ...locations[i % locationCount], didType: "geographic" });

// The floor's provider: every method answers at once, from its arguments alone. Its outputs have
// the shape of ours (a number, a price, a date; a block's numbers).
const floorProvider = {
  async check(_olds, news) {
    return { inputs: news };
  },
  async diff() {
    return { changes: false };
  },
  async create(inputs) {
    const name = inputs.__resourceName;
    const numbers = [];
    for (let i = 0; i < (inputs.quantity || 1); i++) numbers.push(`${name}-${i}`);
    const outs = { ...inputs, monthlyPrice: 1.25, purchased: "2026-12-01" };
    if (inputs.quantity === undefined) outs.number = numbers[0];
    else outs.numbers = numbers;
    return { id: name, outs };
  },
  async read(id, props) {
    return { id, props };
  },
  async update(_id, _olds, news) {
    return { outs: news };
  },
  async delete() {},
};

const outputSlots = Object.fromEntries(
  (env.BENCH_OUTPUTS || "")
    .split(",")
    .filter(Boolean)
    .map((name) => [name, undefined]),
);

class FloorResource extends pulumi.dynamic.Resource {
  constructor(type, name, args) {
    const props = lightest
      ? { region: args.region, __resourceName: name }
      : { ...outputSlots, ...args, __resourceName: name };
    super(floorProvider, name, props, undefined, "floor", type);
  }
}

const aculab = floor
  ? undefined
  : require(env.BENCH_PROVIDER === "plugin" ? "@pulumi-aculab/plugin-sdk" : "pulumi-aculab");
const declare = (type, name, args) =>
  floor ? new FloorResource(type, name, args) : new aculab[type](name, args);

const numbers = (n) => {
  for (let i = 0; i < n; i++) declare("InboundNumber", `number-${i}`, at(i));
};
const blocks = (n) => {
  for (let i = 0, left = n; left > 0; i++, left -= blockSize) {
    declare("NumberBlock", `block-${i}`, { ...at(i), quantity: Math.min(blockSize, left) });
  }
};
if (shape === "numbers") numbers(count);
else if (shape === "blocks") blocks(count);
else if (shape === "mixed") {
  numbers(Math.ceil(count / 2));
  blocks(count - Math.ceil(count / 2));
} else {
  throw new Error(`BENCH_SHAPE must be "numbers", "blocks" or "mixed", not "${shape}"`);
}
