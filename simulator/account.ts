// The account's numbers and the per-region sales counters, optionally persisted so that a
// restarted simulator still owns what it sold and never sells a released number again.

import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

import { regionKey } from "./catalogue";
import type { InventoryCountry, InventoryRegion } from "./inventory";
import type { DidType, OwnedNumber } from "./types";

interface StoredNumber extends OwnedNumber {
  /** Epoch ms from which tel_list_numbers shows the number (mimics slow provisioning). */
  visibleFrom: number;
}

interface StateFile {
  version: 1;
  /** Numbers minted per region so far. Only grows, so released numbers stay retired. */
  sold: Record<string, number>;
  owned: Record<string, StoredNumber>;
}

export interface AccountOptions {
  statePath?: string;
  stockPerRegion: number;
  listingDelayMs: number;
  now: () => Date;
}

export interface ListFilter {
  country?: string;
  state?: string;
  region?: string;
  didType?: DidType;
}

export class Account {
  private readonly state: StateFile;

  constructor(private readonly options: AccountOptions) {
    this.state = options.statePath ? loadState(options.statePath) : emptyState();
  }

  /** Stock is the smaller of the configured stock and what the suffix width can mint. */
  available(country: InventoryCountry, region: InventoryRegion): number {
    const capacity = Math.min(this.options.stockPerRegion, 10 ** region.suffixDigits - 1);
    return Math.max(0, capacity - (this.state.sold[regionKey(country, region)] ?? 0));
  }

  /** Buys up to quantity numbers and persists before returning: an answer implies a commit. */
  buy(country: InventoryCountry, region: InventoryRegion, quantity: number): string[] {
    const key = regionKey(country, region);
    const count = Math.min(quantity, this.available(country, region));
    const now = this.options.now();
    const bought: string[] = [];
    for (let i = 0; i < count; i++) {
      const serial = (this.state.sold[key] ?? 0) + 1;
      this.state.sold[key] = serial;
      const number = mint(region, serial);
      this.state.owned[number] = {
        country: country.name,
        ...(region.state === undefined ? {} : { state: region.state }),
        region: region.name,
        price: region.price,
        purchased: now.toISOString().slice(0, 10),
        did_type: region.didType,
        visibleFrom: now.getTime() + this.options.listingDelayMs,
      };
      bought.push(number);
    }
    if (count > 0) this.save();
    return bought;
  }

  /**
   * Numbers for tel_purchase_development: minted from the top of the region's range, away
   * from the real counter, so they look real but are never what a real purchase returns first.
   */
  madeUp(region: InventoryRegion, quantity: number): string[] {
    const top = 10 ** region.suffixDigits - 1;
    return Array.from({ length: quantity }, (_, i) => mint(region, top - i));
  }

  /** Only numbers whose listing delay has passed, as tel_list_numbers shows them. */
  list(filter: ListFilter): Record<string, OwnedNumber> {
    const now = this.options.now().getTime();
    const out: Record<string, OwnedNumber> = {};
    for (const [number, stored] of Object.entries(this.state.owned)) {
      if (stored.visibleFrom > now) continue;
      if (filter.country !== undefined && stored.country !== filter.country) continue;
      if (filter.state !== undefined && stored.state !== filter.state) continue;
      if (filter.region !== undefined && stored.region !== filter.region) continue;
      if (filter.didType !== undefined && stored.did_type !== filter.didType) continue;
      out[number] = publicView(stored);
    }
    return out;
  }

  /** Everything owned, listed or not yet: what tests and reports need to see. */
  ownedNumbers(): Record<string, OwnedNumber> {
    const out: Record<string, OwnedNumber> = {};
    for (const [number, stored] of Object.entries(this.state.owned))
      out[number] = publicView(stored);
    return out;
  }

  release(numbers: readonly string[]): { released: string[]; notOwned: string[] } {
    const released: string[] = [];
    const notOwned: string[] = [];
    for (const number of numbers) {
      if (number in this.state.owned) {
        delete this.state.owned[number];
        released.push(number);
      } else {
        notOwned.push(number);
      }
    }
    if (released.length > 0) this.save();
    return { released, notOwned };
  }

  private save(): void {
    if (this.options.statePath) {
      writeFileAtomically(this.options.statePath, JSON.stringify(this.state, null, 2) + "\n");
    }
  }
}

function mint(region: InventoryRegion, serial: number): string {
  return region.numberPrefix + String(serial).padStart(region.suffixDigits, "0");
}

function publicView(stored: StoredNumber): OwnedNumber {
  const view: OwnedNumber & { visibleFrom?: number } = { ...stored };
  delete view.visibleFrom;
  return view;
}

function emptyState(): StateFile {
  return { version: 1, sold: {}, owned: {} };
}

/** A missing file is a fresh account; an unreadable one stops the start rather than be lost. */
function loadState(file: string): StateFile {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return emptyState();
    throw e;
  }
  const parsed = JSON.parse(text) as Partial<StateFile>;
  if (
    parsed.version !== 1 ||
    typeof parsed.sold !== "object" ||
    parsed.sold === null ||
    typeof parsed.owned !== "object" ||
    parsed.owned === null
  ) {
    throw new Error(`${file} is not an Aculab simulator state file (version 1)`);
  }
  return { version: 1, sold: parsed.sold, owned: parsed.owned };
}

/**
 * Write to a temporary file in the same folder, fsync, then rename over the target: a crash
 * at any point leaves either the old or the new state whole, never a torn file.
 */
export function writeFileAtomically(file: string, text: string): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString("hex")}.tmp`);
  fs.mkdirSync(dir, { recursive: true });
  const fd = fs.openSync(tmp, "w", 0o600);
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  // Persist the rename itself; not every platform lets a directory be fsynced.
  try {
    const dirFd = fs.openSync(dir, "r");
    try {
      fs.fsyncSync(dirFd);
    } finally {
      fs.closeSync(dirFd);
    }
  } catch {
    /* best effort */
  }
}
