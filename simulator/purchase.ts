// tel_purchase and tel_purchase_development share one validation, so the development
// service rejects exactly what the real one would and differs only in committing nothing.

import { ErrorAnswer, ErrorCode, malformed } from "./errors";
import { findCountry, findRegion } from "./catalogue";
import { CALL_TYPES, type InventoryCountry, type InventoryRegion } from "./inventory";
import type { Params } from "./params";
import type { ServiceContext } from "./serviceContext";

export const PURCHASE_PARAMS = [
  "country",
  "state",
  "region",
  "regulation_address",
  "quantity",
  "based_on",
  "allow_partial",
  "did_type",
  "allow_landline",
  "allow_cellular",
  "allow_payphone",
] as const;

interface Order {
  country: InventoryCountry;
  region: InventoryRegion;
  /** What will actually be delivered: the request, or the stock left under allow_partial. */
  quantity: number;
}

function validateOrder(p: Params, ctx: ServiceContext): Order {
  const countryName = p.required("country");
  const regionName = p.required("region");
  const state = p.optional("state");
  const quantity = p.positiveInteger("quantity", 1);
  const allowPartial = p.bool("allow_partial", false);
  const didType = p.didType("did_type", "geographic");
  const allowed = CALL_TYPES.filter((t) => p.bool(`allow_${t}`, false));
  const basedOn = p.optional("based_on");
  const addressName = p.optional("regulation_address");

  const country = findCountry(countryName);
  const region = findRegion(country, state, didType, regionName);

  if (didType !== "tollfree") {
    if (allowed.length > 0) {
      throw malformed(`Parameter 'allow_${allowed[0]}' is only valid for tollfree numbers`);
    }
  } else {
    const refused = allowed.find((t) => region.disallowedCallTypes?.includes(t));
    if (refused) {
      throw malformed(
        `Parameter 'allow_${refused}': ${refused} calls cannot be allowed on ` +
          `${country.name} tollfree prefix ${region.name}`,
      );
    }
    if (allowed.length === 0) {
      throw malformed(
        "At least one call type must be allowed: set allow_landline, allow_cellular or " +
          "allow_payphone to True",
      );
    }
  }

  if (basedOn !== undefined && !ctx.inboundServices.includes(basedOn)) {
    throw malformed(`Inbound service '${basedOn}' does not exist on this account`);
  }

  if (addressName === undefined || addressName === "") {
    if (country.requiresRegulationAddress) {
      throw new ErrorAnswer(
        ErrorCode.regulationRequired,
        `A regulation address is required to buy numbers in ${country.name}`,
      );
    }
  } else {
    // Checked wherever given: an address naming something that does not exist is a mistake
    // even in a country that does not need one.
    if (!Object.hasOwn(ctx.regulationAddresses, addressName)) {
      throw malformed(`Regulation address '${addressName}' does not exist on this account`);
    }
    const address = ctx.regulationAddresses[addressName];
    if (address.country !== country.name) {
      throw new ErrorAnswer(
        ErrorCode.regulationMismatch,
        `Regulation address '${addressName}' is in ${address.country} and cannot be used ` +
          `for numbers in ${country.name}`,
      );
    }
  }

  const available = ctx.account.available(country, region);
  if (quantity > available && !allowPartial) {
    throw new ErrorAnswer(
      ErrorCode.notEnoughStock,
      `Only ${available} numbers are available in ${region.name}, ${quantity} requested`,
    );
  }
  return { country, region, quantity: Math.min(quantity, available) };
}

export function purchase(p: Params, ctx: ServiceContext): string[] {
  const order = validateOrder(p, ctx);
  return ctx.account.buy(order.country, order.region, order.quantity);
}

export function purchaseDevelopment(p: Params, ctx: ServiceContext): string[] {
  const order = validateOrder(p, ctx);
  return ctx.account.madeUp(order.region, order.quantity);
}
