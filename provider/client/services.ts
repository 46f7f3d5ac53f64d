import { z } from "zod";

/**
 * Every tel_* service: its parameters (camelCase here, snake_case on the wire) and the shape of
 * its answer, as the Aculab reference documents them. Types below are inferred, never restated.
 * The client checks every request's parameters against these schemas before sending anything
 * (serviceParamsSchemas): they are strict, so a misspelt parameter is refused, not dropped.
 */

export const didTypes = ["geographic", "national", "mobile", "tollfree"] as const;
export const didTypeSchema = z.enum(didTypes);
export type DidType = z.infer<typeof didTypeSchema>;

export const QUANTITY_RULE = "must be a whole number of 1 or more: how many numbers to buy";

/**
 * tel_purchase's quantity. The reference says only "the quantity of telephone numbers to purchase"
 * (default 1) and gives no upper limit, so none is set here beyond the integers a JavaScript number
 * holds exactly; a NumberBlock caps its own quantity (MAX_BLOCK_QUANTITY).
 */
export const quantitySchema = z
  .number({ error: QUANTITY_RULE })
  .int({ error: QUANTITY_RULE })
  .positive({ error: QUANTITY_RULE });

export const TELEPHONE_NUMBER_RULE =
  'must be one telephone number, digits only as tel_list_numbers lists it (e.g. 441908538007), with no "+", ' +
  "spaces or commas: give each number as an entry of its own";

/**
 * A telephone number as the reference writes every one (441908538007, 15873155555, 1234567): ASCII
 * digits 0-9 only, in international form without "+". tel_delete_numbers takes a comma-separated
 * list, so an entry with anything else in it could name a second number. The reference states no
 * length, so none is imposed (our assumption).
 */
export const telephoneNumberSchema = z
  .string({ error: TELEPHONE_NUMBER_RULE })
  .regex(/^[0-9]+$/, { error: TELEPHONE_NUMBER_RULE });

export const purchaseParamsSchema = z.strictObject({
  country: z.string(),
  state: z.string().optional(),
  region: z.string(),
  regulationAddress: z.string().optional(),
  quantity: quantitySchema.optional(),
  basedOn: z.string().optional(),
  allowPartial: z.boolean().optional(),
  didType: didTypeSchema.optional(),
  allowLandline: z.boolean().optional(),
  allowCellular: z.boolean().optional(),
  allowPayphone: z.boolean().optional(),
});
export type PurchaseParams = z.infer<typeof purchaseParamsSchema>;

export const locationFilterSchema = z.strictObject({
  country: z.string().optional(),
  state: z.string().optional(),
  region: z.string().optional(),
  didType: didTypeSchema.optional(),
});
export type LocationFilter = z.infer<typeof locationFilterSchema>;

export const deleteNumbersParamsSchema = z.strictObject({
  numbers: z
    .array(telephoneNumberSchema, {
      error: "must be a list of telephone numbers, one entry per number",
    })
    .min(1, { error: "must list at least one number to delete" }),
});
export type DeleteNumbersParams = z.infer<typeof deleteNumbersParamsSchema>;

export const supportedCountriesParamsSchema = z.strictObject({
  didType: didTypeSchema.optional(),
});
export type SupportedCountriesParams = z.infer<typeof supportedCountriesParamsSchema>;

export const supportedStatesParamsSchema = z.strictObject({ country: z.string() });
export type SupportedStatesParams = z.infer<typeof supportedStatesParamsSchema>;

export const supportedRegionsParamsSchema = z.strictObject({
  country: z.string(),
  state: z.string().optional(),
  didType: didTypeSchema.optional(),
});
export type SupportedRegionsParams = z.infer<typeof supportedRegionsParamsSchema>;

/** tel_list_regulation_addresses takes no parameter. */
export const noParamsSchema = z.strictObject({});

/** The parameters each service takes: the client sends nothing these schemas refuse. */
export const serviceParamsSchemas = {
  tel_purchase: purchaseParamsSchema,
  tel_purchase_development: purchaseParamsSchema,
  tel_list_numbers: locationFilterSchema,
  tel_delete_numbers: deleteNumbersParamsSchema,
  tel_get_supported_countries: supportedCountriesParamsSchema,
  tel_get_supported_states: supportedStatesParamsSchema,
  tel_get_supported_regions: supportedRegionsParamsSchema,
  tel_list_regulation_addresses: noParamsSchema,
} as const;
export type ServiceName = keyof typeof serviceParamsSchemas;

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
