import { z } from "zod";

/**
 * Every tel_* service: its parameters (camelCase here, snake_case on the wire) and the shape of
 * its answer, as the Aculab reference documents them. Types below are inferred, never restated.
 */

export const didTypes = ["geographic", "national", "mobile", "tollfree"] as const;
export const didTypeSchema = z.enum(didTypes);
export type DidType = z.infer<typeof didTypeSchema>;

export const purchaseParamsSchema = z.object({
  country: z.string(),
  state: z.string().optional(),
  region: z.string(),
  regulationAddress: z.string().optional(),
  quantity: z.number().int().positive().optional(),
  basedOn: z.string().optional(),
  allowPartial: z.boolean().optional(),
  didType: didTypeSchema.optional(),
  allowLandline: z.boolean().optional(),
  allowCellular: z.boolean().optional(),
  allowPayphone: z.boolean().optional(),
});
export type PurchaseParams = z.infer<typeof purchaseParamsSchema>;

export const locationFilterSchema = z.object({
  country: z.string().optional(),
  state: z.string().optional(),
  region: z.string().optional(),
  didType: didTypeSchema.optional(),
});
export type LocationFilter = z.infer<typeof locationFilterSchema>;

export const deleteNumbersParamsSchema = z.object({
  numbers: z.array(z.string().regex(/^\d+$/, "a telephone number is digits only")).min(1),
});
export type DeleteNumbersParams = z.infer<typeof deleteNumbersParamsSchema>;

export const supportedCountriesParamsSchema = z.object({ didType: didTypeSchema.optional() });
export type SupportedCountriesParams = z.infer<typeof supportedCountriesParamsSchema>;

export const supportedStatesParamsSchema = z.object({ country: z.string() });
export type SupportedStatesParams = z.infer<typeof supportedStatesParamsSchema>;

export const supportedRegionsParamsSchema = z.object({
  country: z.string(),
  state: z.string().optional(),
  didType: didTypeSchema.optional(),
});
export type SupportedRegionsParams = z.infer<typeof supportedRegionsParamsSchema>;

export const numberListSchema = z.array(z.string());

const listedNumberWireSchema = z.object({
  country: z.string(),
  state: z.string().optional(),
  region: z.string(),
  price: z.string().regex(/^\d+(\.\d+)?$/, 'a price in US dollars such as "3.00"'),
  purchased: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD"),
  did_type: didTypeSchema,
});

/** tel_list_numbers answers snake_case with string prices; we hand out camelCase with numbers. */
export const listedNumbersSchema = z.record(z.string(), listedNumberWireSchema).transform((wire) =>
  Object.fromEntries(
    Object.entries(wire).map(([number, n]) => [
      number,
      {
        number,
        country: n.country,
        ...(n.state === undefined ? {} : { state: n.state }),
        region: n.region,
        didType: n.did_type,
        monthlyPrice: Number(n.price),
        purchased: n.purchased,
      },
    ]),
  ),
);
export type ListedNumbers = z.output<typeof listedNumbersSchema>;
export type ListedNumber = ListedNumbers[string];

export const deleteNumbersResultSchema = z.object({
  status: z.enum(["OK", "PARTIAL", "FAIL"]),
  numbers: z.record(z.string(), z.object({ description: z.string(), code: z.string() })).optional(),
});
export type DeleteNumbersResult = z.infer<typeof deleteNumbersResultSchema>;

export const regulationAddressesSchema = z.record(
  z.string(),
  z.looseObject({ country: z.string(), region: z.string(), state: z.string().optional() }),
);
export type RegulationAddresses = z.infer<typeof regulationAddressesSchema>;

/** Aculab's error body, sent with HTTP 400 (and by the simulator with 401). */
export const aculabErrorBodySchema = z.object({
  error: z.object({ code: z.string(), text: z.string() }),
});

/**
 * Services that change nothing may be retried freely. tel_delete_numbers may too: repeating it
 * answers 0300 for numbers already released, which callers treat as released. tel_purchase and
 * tel_purchase_development are never retried here: a purchase that may have happened is
 * reconciled by the lifecycle logic.
 */
export const retryableServices: ReadonlySet<string> = new Set([
  "tel_list_numbers",
  "tel_delete_numbers",
  "tel_get_supported_countries",
  "tel_get_supported_states",
  "tel_get_supported_regions",
  "tel_list_regulation_addresses",
]);
