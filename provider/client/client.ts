import { z } from "zod";
import { zodMessages } from "../zodMessages";
import { Scrub } from "./errorBody";
import { Logger, silentLogger } from "./logger";
import { RetryPolicy, retryPolicySchema } from "./retry";
import {
  DeleteNumbersParams,
  deleteNumbersResultSchema,
  LocationFilter,
  listedNumbersSchema,
  numberListSchema,
  PurchaseParams,
  regulationAddressesSchema,
  ServiceName,
  SupportedCountriesParams,
  SupportedRegionsParams,
  SupportedStatesParams,
} from "./services";
import { ConnectionSettings, parseConnectionSettings, resolveBaseUrl } from "./settings";
import { Transport } from "./transport";

export interface AculabClientOptions extends ConnectionSettings {
  retry?: Partial<RetryPolicy>;
  /** Where each request and its outcome is told at debug level; nowhere by default. */
  logger?: Logger;
  /** What the log's durations are measured on, in ms; tests give a clock of their own. */
  now?: () => number;
}

/** One typed method per Aculab Cloud tel_* web service. */
export class AculabClient {
  private readonly transport: Transport;
  /** Takes the credentials out of any text a server sends before it goes into an error. */
  private readonly scrub: Scrub;
  readonly baseUrl: string;

  constructor(options: AculabClientOptions) {
    const settings = parseConnectionSettings(options);
    this.baseUrl = resolveBaseUrl(settings);
    this.transport = new Transport(
      settings,
      this.baseUrl,
      retryPolicySchema.parse(options.retry ?? {}, { error: zodMessages }),
      options.logger ?? silentLogger,
      options.now ?? (() => performance.now()),
    );
    this.scrub = this.transport.scrub;
  }

  purchaseNumbers(params: PurchaseParams): Promise<string[]> {
    return this.call("tel_purchase", params, numberListSchema);
  }

  /** Validates like tel_purchase but buys nothing: for development stacks and CI. */
  purchaseNumbersDevelopment(params: PurchaseParams): Promise<string[]> {
    return this.call("tel_purchase_development", params, numberListSchema);
  }

  listNumbers(filter: LocationFilter = {}) {
    return this.call("tel_list_numbers", filter, listedNumbersSchema);
  }

  async deleteNumbers(params: DeleteNumbersParams) {
    const result = await this.call("tel_delete_numbers", params, deleteNumbersResultSchema);
    if (!result.numbers) return result;
    // The reasons are quoted in errors (a number Aculab kept): they are server text like any other.
    const numbers = Object.fromEntries(
      Object.entries(result.numbers).map(([number, why]) => [
        number,
        { ...why, description: this.scrub(why.description), code: this.scrub(why.code) },
      ]),
    );
    return { ...result, numbers };
  }

  getSupportedCountries(params: SupportedCountriesParams = {}): Promise<string[]> {
    return this.call("tel_get_supported_countries", params, numberListSchema);
  }

  getSupportedStates(params: SupportedStatesParams): Promise<string[]> {
    return this.call("tel_get_supported_states", params, numberListSchema);
  }

  getSupportedRegions(params: SupportedRegionsParams): Promise<string[]> {
    return this.call("tel_get_supported_regions", params, numberListSchema);
  }

  listRegulationAddresses() {
    return this.call("tel_list_regulation_addresses", {}, regulationAddressesSchema);
  }

  private call<S extends z.ZodType>(
    service: ServiceName,
    given: object,
    answer: S,
  ): Promise<z.output<S>> {
    return this.transport.call(service, given, answer);
  }
}
