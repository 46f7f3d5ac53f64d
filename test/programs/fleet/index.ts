// A fleet whose size and shape come from the environment, so the reliability suite can grow,
// shrink and load one program under faults:
//   FLEET_SIZE      InboundNumbers `line-<i>` (default 6), spread round-robin over
//   LOCATIONS       the first N places below (default 3; Mönchengladbach is second, so non-ASCII
//                   names are bought in every run with more than one place)
//   BLOCKS          NumberBlocks `block-<i>` (default 2), each of
//   BLOCK_QUANTITY  numbers (default 2).
// Blocks share places with the lines on purpose: purchases at one location must be serialized
// across resource types for reconciliation to stay unambiguous.
import * as aculab from "pulumi-aculab";

type Place = Omit<aculab.InboundNumberArgs, "number">;

const linePlaces: Place[] = [
  { country: "United Kingdom", region: "Milton Keynes" },
  { country: "Germany", region: "Mönchengladbach" },
  { country: "Canada", state: "Ontario", region: "Toronto" },
  { country: "France", region: "Avignon", regulationAddress: "My french place" },
  { country: "United States", state: "New York", region: "New York City" },
  { country: "Spain", region: "Madrid" },
];

const blockPlaces: Place[] = [
  {
    country: "Spain",
    region: "901",
    didType: "tollfree",
    allowLandline: true,
    allowPayphone: true,
  },
  { country: "United Kingdom", region: "Milton Keynes" },
  {
    country: "United Kingdom",
    region: "800",
    didType: "tollfree",
    allowLandline: true,
    allowCellular: true,
  },
];

const count = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

const fleetSize = count("FLEET_SIZE", 6);
const locations = Math.min(count("LOCATIONS", 3), linePlaces.length);
const blocks = count("BLOCKS", 2);
const blockQuantity = count("BLOCK_QUANTITY", 2);

const lines = Array.from(
  { length: fleetSize },
  (_, i) => new aculab.InboundNumber(`line-${i}`, linePlaces[i % locations]),
);
const numberBlocks = Array.from(
  { length: blocks },
  (_, i) =>
    new aculab.NumberBlock(`block-${i}`, {
      ...blockPlaces[i % blockPlaces.length],
      quantity: blockQuantity,
    }),
);

export const lineNumbers = lines.map((line) => line.number);
export const blockNumbers = numberBlocks.map((block) => block.numbers);
