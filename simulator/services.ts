// The eight Aculab services: which parameters each accepts and what it answers. The server
// resolves a path to one of these and knows nothing of their rules.

import { supportedCountries, supportedRegions, supportedStates } from "./catalogue";
import { deleteNumbers, listNumbers } from "./numbers";
import type { Params } from "./params";
import { PURCHASE_PARAMS, purchase, purchaseDevelopment } from "./purchase";
import type { ServiceContext } from "./serviceContext";

export interface ServiceDefinition {
  params: readonly string[];
  handle(p: Params, ctx: ServiceContext): unknown;
}

export const SERVICES: Readonly<Record<string, ServiceDefinition>> = {
  tel_purchase: { params: PURCHASE_PARAMS, handle: purchase },
  tel_purchase_development: { params: PURCHASE_PARAMS, handle: purchaseDevelopment },
  tel_list_numbers: { params: ["country", "state", "region", "did_type"], handle: listNumbers },
  tel_delete_numbers: { params: ["numbers"], handle: deleteNumbers },
  tel_get_supported_countries: {
    params: ["did_type"],
    handle: (p) => supportedCountries(p.didType("did_type", "geographic")),
  },
  tel_get_supported_states: {
    params: ["country"],
    handle: (p) => supportedStates(p.required("country")),
  },
  tel_get_supported_regions: {
    params: ["country", "state", "did_type"],
    handle: (p) =>
      supportedRegions(
        p.required("country"),
        p.optional("state"),
        p.didType("did_type", "geographic"),
      ),
  },
  tel_list_regulation_addresses: { params: [], handle: (_p, ctx) => ctx.regulationAddresses },
};

export function isService(name: string): boolean {
  return Object.hasOwn(SERVICES, name);
}
