import axios, { AxiosInstance } from "axios";
import { z } from "zod";
import { AculabError, RequestOutcome } from "./errors";
import { ConcurrencyLimiter } from "./limiter";
import { RetryPolicy, retryPolicySchema, withRetry } from "./retry";
import {
  aculabErrorBodySchema,
  DeleteNumbersParams,
  deleteNumbersResultSchema,
  LocationFilter,
  listedNumbersSchema,
  numberListSchema,
  PurchaseParams,
  regulationAddressesSchema,
  retryableServices,
  SupportedCountriesParams,
  SupportedRegionsParams,
  SupportedStatesParams,
} from "./services";
import { ConnectionSettings, connectionSettingsSchema, resolveBaseUrl } from "./settings";
import { encodeParams, WireValue } from "./wire";

export interface AculabClientOptions extends ConnectionSettings {
  retry?: Partial<RetryPolicy>;
}

/** Network failures that happen before a byte of the request is sent. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ERR_INVALID_URL"]);

/** One typed method per Aculab Cloud tel_* web service. */
export class AculabClient {
  private readonly http: AxiosInstance;
  private readonly limiter: ConcurrencyLimiter;
  private readonly retryPolicy: RetryPolicy;
  private readonly timeoutMs: number;
  readonly baseUrl: string;

  constructor(options: AculabClientOptions) {
    const settings = connectionSettingsSchema.parse(options);
    this.baseUrl = resolveBaseUrl(settings);
    this.retryPolicy = retryPolicySchema.parse(options.retry ?? {});
    this.timeoutMs = settings.timeoutMs;
    this.limiter = new ConcurrencyLimiter(settings.maxConcurrency);
    this.http = axios.create({
      baseURL: this.baseUrl,
      auth: { username: `${settings.cloudId}/${settings.username}`, password: settings.apiKey },
      headers: {
        Accept: "application/json",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      // Following a redirect could hand the credentials to another host.
      maxRedirects: 0,
      responseType: "text",
      transformResponse: (body: unknown) => body,
      validateStatus: () => true,
      proxy: false,
    });
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

  deleteNumbers(params: DeleteNumbersParams) {
    return this.call("tel_delete_numbers", params, deleteNumbersResultSchema);
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

  private call<S extends z.ZodTypeAny>(
    service: string,
    params: Record<string, WireValue>,
    answer: S,
  ): Promise<z.output<S>> {
    const attempt = () => this.limiter.run(() => this.requestOnce(service, params, answer));
    if (!retryableServices.has(service)) return attempt();
    return withRetry(this.retryPolicy, isTransient, attempt);
  }

  private async requestOnce<S extends z.ZodTypeAny>(
    service: string,
    params: Record<string, WireValue>,
    answer: S,
  ): Promise<z.output<S>> {
    // A deadline for the whole exchange: axios's own timeout only notices an idle socket, so an
    // answer trickling in byte by byte would hold a deployment forever.
    const deadline = AbortSignal.timeout(this.timeoutMs);
    let response;
    try {
      response = await this.http.post<string>(`/${service}`, encodeParams(params).toString(), {
        signal: deadline,
      });
    } catch (error) {
      throw networkError(service, error, deadline.aborted ? this.timeoutMs : undefined);
    }
    const { status, data } = response;
    if (status === 200) return parseAnswer(service, data, answer);
    throw httpError(service, status, data, response.headers["location"]);
  }
}

function isTransient(error: unknown): boolean {
  if (!(error instanceof AculabError)) return false;
  if (error.status === undefined) return true;
  return error.status === 429 || error.status >= 500;
}

function parseAnswer<S extends z.ZodTypeAny>(
  service: string,
  body: string,
  answer: S,
): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new AculabError({
      service,
      status: 200,
      code: "MALFORMED_RESPONSE",
      text:
        body === ""
          ? "answered with an empty body instead of JSON"
          : `answered with something that is not JSON: ${preview(body)}`,
      outcome: "unknown",
    });
  }
  const parsed = answer.safeParse(json);
  if (!parsed.success) {
    const problem = parsed.error.issues
      .map((i) => `${i.path.join(".") || "(answer)"}: ${i.message}`)
      .join("; ");
    throw new AculabError({
      service,
      status: 200,
      code: "UNEXPECTED_RESPONSE",
      text: `answered ${preview(body)}, which does not have the documented shape (${problem})`,
      outcome: "unknown",
    });
  }
  return parsed.data;
}

function httpError(service: string, status: number, body: string, location?: string): AculabError {
  let aculab: z.infer<typeof aculabErrorBodySchema>["error"] | undefined;
  try {
    const parsed = aculabErrorBodySchema.safeParse(JSON.parse(body));
    if (parsed.success) aculab = parsed.data.error;
  } catch {
    // Not an Aculab error body (a proxy page, say): described by the HTTP status below.
  }
  // A 5xx may come after the work was done; any other answer means the request was refused.
  const outcome: RequestOutcome = status >= 500 ? "unknown" : "rejected";
  let text = aculab?.text ?? (body ? preview(body) : "no error text");
  if (status === 401) {
    text = `${text} (check aculab:cloudId, aculab:username and aculab:apiKey)`;
  } else if (status >= 300 && status < 400) {
    text = `redirected to ${location ?? "another address"}; redirects are not followed so the API key stays with the configured host`;
  }
  return new AculabError({
    service,
    status,
    code: aculab?.code ?? `HTTP ${status}`,
    text,
    outcome,
  });
}

/** `timedOutAfterMs` is set when the request's deadline cut it short. */
function networkError(service: string, error: unknown, timedOutAfterMs?: number): AculabError {
  if (timedOutAfterMs !== undefined) {
    return new AculabError({
      service,
      code: "TIMEOUT",
      text: `no complete answer within ${timedOutAfterMs} ms`,
      outcome: "unknown",
    });
  }
  const code = axios.isAxiosError(error) ? (error.code ?? "NETWORK_ERROR") : "NETWORK_ERROR";
  // Only the message, never the axios error itself: its config holds the credentials.
  const message = error instanceof Error ? error.message : String(error);
  return new AculabError({
    service,
    code,
    text: message,
    outcome: NOT_SENT_CODES.has(code) ? "not-sent" : "unknown",
  });
}

function preview(body: string): string {
  return body.length > 200 ? `${body.slice(0, 200)}…` : body;
}
