// The default account's view of Aculab's catalogue: plain data, so that docs/simulator.md can
// mirror it line by line. It covers every country, state and region the API reference shows.
//
// A number is minted as numberPrefix + a per-region counter zero-padded to suffixDigits, so
// numbers never repeat (the counter only grows) and look like the reference's digit strings.
// No numberPrefix is a prefix of another (inventory.test.ts checks it), so minted numbers of
// different regions never collide.

import type { CallType, DidType, RegulationAddress } from "./types";

export interface InventoryRegion {
  /** The region's name for geographic numbers, its dialling prefix for the other types. */
  name: string;
  didType: DidType;
  /** Set for regions inside a state; nationwide regions of a country with states have none. */
  state?: string;
  numberPrefix: string;
  suffixDigits: number;
  /** Monthly price in USD. */
  price: string;
  /** Toll-free only: call types the carrier refuses; asking to allow one fails with 0002. */
  disallowedCallTypes?: CallType[];
}

export interface InventoryCountry {
  name: string;
  /** Present for countries that have states, in the order tel_get_supported_states answers. */
  states?: string[];
  requiresRegulationAddress?: boolean;
  regions: InventoryRegion[];
}

export const DID_TYPES: readonly DidType[] = ["geographic", "national", "mobile", "tollfree"];
export const CALL_TYPES: readonly CallType[] = ["landline", "cellular", "payphone"];

export const DEFAULT_STOCK_PER_REGION = 50;
export const DEFAULT_INBOUND_SERVICES: readonly string[] = ["support-line", "sales-line"];
export const DEFAULT_REGULATION_ADDRESSES: Readonly<Record<string, RegulationAddress>> = {
  "My french place": { country: "France", region: "Avignon" },
};

// One line per region reads as a table.
// prettier-ignore
export const INVENTORY: readonly InventoryCountry[] = [
  {
    name: "Canada",
    // The reference's own order for tel_get_supported_states?country=Canada.
    states: [
      "British Columbia",
      "Newfoundland And Labrador",
      "Saskatchewan",
      "Prince Edward Island",
      "Ontario",
      "Nova Scotia",
      "Quebec",
      "Alberta",
      "Manitoba",
      "New Brunswick",
    ],
    regions: [
      { name: "Vancouver", didType: "geographic", state: "British Columbia", numberPrefix: "1604555", suffixDigits: 4, price: "2.00" },
      { name: "St. John's", didType: "geographic", state: "Newfoundland And Labrador", numberPrefix: "1709555", suffixDigits: 4, price: "2.00" },
      { name: "Regina", didType: "geographic", state: "Saskatchewan", numberPrefix: "1306555", suffixDigits: 4, price: "2.00" },
      { name: "Charlottetown", didType: "geographic", state: "Prince Edward Island", numberPrefix: "1902566", suffixDigits: 4, price: "2.00" },
      { name: "Toronto", didType: "geographic", state: "Ontario", numberPrefix: "1416555", suffixDigits: 4, price: "2.00" },
      { name: "Ottawa", didType: "geographic", state: "Ontario", numberPrefix: "1613555", suffixDigits: 4, price: "2.00" },
      { name: "Halifax", didType: "geographic", state: "Nova Scotia", numberPrefix: "1902555", suffixDigits: 4, price: "2.00" },
      { name: "Montreal", didType: "geographic", state: "Quebec", numberPrefix: "1514555", suffixDigits: 4, price: "2.00" },
      { name: "Calgary", didType: "geographic", state: "Alberta", numberPrefix: "1587315", suffixDigits: 4, price: "2.00" },
      { name: "Oakbank", didType: "geographic", state: "Manitoba", numberPrefix: "1204444", suffixDigits: 4, price: "2.00" },
      { name: "Winnipeg", didType: "geographic", state: "Manitoba", numberPrefix: "1204555", suffixDigits: 4, price: "2.00" },
      { name: "Moncton", didType: "geographic", state: "New Brunswick", numberPrefix: "1506555", suffixDigits: 4, price: "2.00" },
      // Toll-free prefixes are nationwide: no state; the reference's order.
      { name: "855", didType: "tollfree", numberPrefix: "1855555", suffixDigits: 4, price: "12.00" },
      { name: "888", didType: "tollfree", numberPrefix: "1888555", suffixDigits: 4, price: "12.00" },
      { name: "866", didType: "tollfree", numberPrefix: "1866555", suffixDigits: 4, price: "12.00" },
      { name: "877", didType: "tollfree", numberPrefix: "1877555", suffixDigits: 4, price: "12.00", disallowedCallTypes: ["payphone"] },
    ],
  },
  {
    name: "Spain",
    regions: [
      { name: "Bilbao", didType: "geographic", numberPrefix: "3494410", suffixDigits: 4, price: "4.00" },
      { name: "Madrid", didType: "geographic", numberPrefix: "3491110", suffixDigits: 4, price: "4.00" },
      { name: "902", didType: "national", numberPrefix: "3490210", suffixDigits: 4, price: "6.00" },
      { name: "901", didType: "tollfree", numberPrefix: "3490110", suffixDigits: 4, price: "15.00", disallowedCallTypes: ["cellular"] },
    ],
  },
  {
    name: "United Kingdom",
    regions: [
      { name: "Milton Keynes", didType: "geographic", numberPrefix: "441908538", suffixDigits: 3, price: "3.00" },
      { name: "London", didType: "geographic", numberPrefix: "442079460", suffixDigits: 3, price: "3.00" },
      { name: "330", didType: "national", numberPrefix: "443301220", suffixDigits: 3, price: "5.00" },
      { name: "7700", didType: "mobile", numberPrefix: "447700900", suffixDigits: 3, price: "8.00" },
      { name: "800", didType: "tollfree", numberPrefix: "448001230", suffixDigits: 3, price: "12.00", disallowedCallTypes: ["payphone"] },
    ],
  },
  {
    name: "Germany",
    regions: [
      { name: "M\u00f6nchengladbach", didType: "geographic", numberPrefix: "492161555", suffixDigits: 3, price: "3.50" },
      { name: "Berlin", didType: "geographic", numberPrefix: "493055501", suffixDigits: 3, price: "3.50" },
      { name: "32", didType: "national", numberPrefix: "493222100", suffixDigits: 3, price: "5.50" },
    ],
  },
  {
    name: "France",
    requiresRegulationAddress: true,
    regions: [
      { name: "Avignon", didType: "geographic", numberPrefix: "334905550", suffixDigits: 3, price: "4.50" },
      { name: "Paris", didType: "geographic", numberPrefix: "331405550", suffixDigits: 3, price: "4.50" },
      { name: "9", didType: "national", numberPrefix: "339705550", suffixDigits: 3, price: "5.50" },
    ],
  },
  {
    name: "United States",
    states: ["New York", "California", "Texas"],
    regions: [
      { name: "New York City", didType: "geographic", state: "New York", numberPrefix: "1212555", suffixDigits: 4, price: "1.50" },
      { name: "Buffalo", didType: "geographic", state: "New York", numberPrefix: "1716555", suffixDigits: 4, price: "1.50" },
      { name: "Los Angeles", didType: "geographic", state: "California", numberPrefix: "1213555", suffixDigits: 4, price: "1.50" },
      { name: "San Francisco", didType: "geographic", state: "California", numberPrefix: "1415555", suffixDigits: 4, price: "1.50" },
      { name: "Houston", didType: "geographic", state: "Texas", numberPrefix: "1713555", suffixDigits: 4, price: "1.50" },
      { name: "800", didType: "tollfree", numberPrefix: "1800555", suffixDigits: 4, price: "10.00" },
      { name: "833", didType: "tollfree", numberPrefix: "1833555", suffixDigits: 4, price: "10.00" },
    ],
  },
];
