import axios, { AxiosInstance } from "axios";
import { z } from "zod";
import { errorMessage } from "../../common/errorMessage";
import { zodMessages } from "../zodMessages";
import { quoted, readErrorBody, readErrorJson, secretScrubber } from "./errorBody";
import { AculabError, RequestOutcome } from "./errors";
import { ConcurrencyLimiter } from "./limiter";
import { RetryPolicy, retryPolicySchema, withRetry } from "./retry";
import {
  DeleteNumbersParams,
  deleteNumbersResultSchema,
  LocationFilter,
  listedNumbersSchema,
  numberListSchema,
  PurchaseParams,
  regulationAddressesSchema,
  retryableServices,
  ServiceName,
  serviceParamsSchemas,
  SupportedCountriesParams,
  SupportedRegionsParams,
  SupportedStatesParams,
} from "./services";
import { ConnectionSettings, parseConnectionSettings, resolveBaseUrl } from "./settings";
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
  /** Takes the credentials out of any text a server sends before it goes into an error. */
  private readonly scrub: (text: string) => string;
  readonly baseUrl: string;

  constructor(options: AculabClientOptions) {
    const settings = parseConnectionSettings(options);
    this.baseUrl = resolveBaseUrl(settings);
    this.retryPolicy = retryPolicySchema.parse(options.retry ?? {}, { error: zodMessages });
    this.timeoutMs = settings.timeoutMs;
    this.limiter = new ConcurrencyLimiter(settings.maxConcurrency);
    this.scrub = secretScrubber(settings.apiKey, `${settings.cloudId}/${settings.username}`);
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
    // Checked before any attempt: a refusal is never sent, and never retried.
    const checked = serviceParamsSchemas[service].safeParse(given, { error: zodMessages });
    if (!checked.success) {
      return Promise.reject(invalidParams(service, given, checked.error.issues, this.scrub));
    }
    const params = checked.data as Record<string, WireValue>;
    const attempt = () => this.limiter.run(() => this.requestOnce(service, params, answer));
    if (!retryableServices.has(service)) return attempt();
    return withRetry(this.retryPolicy, isTransient, attempt);
  }

  private async requestOnce<S extends z.ZodType>(
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
      throw networkError(service, error, this.scrub, deadline.aborted ? this.timeoutMs : undefined);
    }
    const { status, data } = response;
    if (status === 200) return parseAnswer(service, data, answer, this.scrub);
    throw httpError(service, status, data, this.scrub, response.headers["location"]);
  }
}

/**
 * The refusal of parameters a service's schema does not accept: one AculabError naming the service
 * and each parameter (with its value, scrubbed and cut like any quoted text) and what it must be.
 * Outcome "not-sent": the request was never made, so nothing is reconciled and nothing retried.
 */
function invalidParams(
  service: ServiceName,
  given: object,
  issues: z.core.$ZodIssue[],
  scrub: Scrub,
): AculabError {
  const problems = issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      const known = Object.keys(serviceParamsSchemas[service].shape);
      const allowed =
        known.length === 0 ? "it takes none" : `its parameters are ${known.join(", ")}`;
      return issue.keys.map((key) => `${scrub(key)}: is not a ${service} parameter; ${allowed}`);
    }
    const name = issue.path
      .map((step, i) =>
        typeof step === "number" ? `[${step}]` : `${i === 0 ? "" : "."}${String(step)}`,
      )
      .join("");
    const value = valueAt(given, issue.path);
    const shown =
      typeof value === "string"
        ? ` ${quoted(JSON.stringify(value), scrub)}`
        : typeof value === "number" || typeof value === "boolean"
          ? ` ${String(value)}`
          : "";
    return [`${name || "(parameters)"}${shown}: ${issue.message}`];
  });
  return new AculabError({
    service,
    code: "INVALID_PARAMETER",
    text: [...new Set(problems)].join("; "),
    outcome: "not-sent",
  });
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const step of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[step];
  }
  return value;
}

function isTransient(error: unknown): boolean {
  if (!(error instanceof AculabError)) return false;
  if (error.status === undefined) return true;
  return error.status === 429 || error.status >= 500;
}

type Scrub = (text: string) => string;

/**
 * The cause kept with a rewrapped error: its name, code and (scrubbed) message only. The original
 * is never kept itself: an axios error's config holds the credentials.
 */
function causeOf(error: unknown, scrub: Scrub): Error {
  const message = errorMessage(error);
  const cause = new Error(scrub(message));
  cause.name = error instanceof Error ? error.name : "Error";
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string") Object.assign(cause, { code: scrub(code) });
  return cause;
}

function parseAnswer<S extends z.ZodType>(
  service: string,
  body: string,
  answer: S,
  scrub: Scrub,
): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new AculabError(
      {
        service,
        status: 200,
        code: "MALFORMED_RESPONSE",
        text:
          body === ""
            ? "answered with an empty body instead of JSON"
            : `answered with something that is not JSON: ${quoted(body, scrub)}`,
        outcome: "unknown",
      },
      { cause: notJsonCause(body, scrub) },
    );
  }
  const parsed = answer.safeParse(json, { error: zodMessages });
  if (parsed.success) return parsed.data;
  // Not the documented answer. An error Aculab carries in a 200 is still an error, and one that
  // says so proves the request was refused: nothing was bought (README, Decisions).
  const carried = readErrorJson(json);
  if (carried?.labelled) {
    throw new AculabError({
      service,
      status: 200,
      code: scrub(carried.code ?? "HTTP 200"),
      text: carried.text === undefined ? `answered ${quoted(body, scrub)}` : scrub(carried.text),
      outcome: "rejected",
    });
  }
  const problem = parsed.error.issues
    .map((i) => `${i.path.join(".") || "(answer)"}: ${i.message}`)
    .join("; ");
  throw new AculabError(
    {
      service,
      status: 200,
      code: "UNEXPECTED_RESPONSE",
      text: `answered ${quoted(body, scrub)}, which does not have the documented shape (${scrub(problem)})`,
      outcome: "unknown",
    },
    { cause: causeOf(parsed.error, scrub) },
  );
}

function httpError(
  service: string,
  status: number,
  body: string,
  scrub: Scrub,
  location?: string,
): AculabError {
  const said = readErrorBody(body);
  // A 5xx may come after the work was done, whatever its body says (a gateway may answer for a
  // request that went through); any other answer means the request was refused.
  const outcome: RequestOutcome = status >= 500 ? "unknown" : "rejected";
  // Whatever is cut is scrubbed first (quoted); the rest is scrubbed whole below.
  let text =
    said?.text === undefined
      ? body
        ? quoted(body, scrub)
        : "no error text"
      : said.text === body
        ? quoted(body, scrub)
        : said.text;
  if (status === 401) {
    text = `${text} (check aculab:cloudId, aculab:username and aculab:apiKey)`;
  } else if (status >= 300 && status < 400) {
    text = `redirected to ${location ?? "another address"}; redirects are not followed so the API key stays with the configured host`;
  }
  return new AculabError({
    service,
    status,
    code: scrub(said?.code ?? `HTTP ${status}`),
    text: scrub(text),
    outcome,
  });
}

/** `timedOutAfterMs` is set when the request's deadline cut it short. */
function networkError(
  service: string,
  error: unknown,
  scrub: Scrub,
  timedOutAfterMs?: number,
): AculabError {
  if (timedOutAfterMs !== undefined) {
    return new AculabError(
      {
        service,
        code: "TIMEOUT",
        text: `no complete answer within ${timedOutAfterMs} ms`,
        outcome: "unknown",
      },
      { cause: causeOf(error, scrub) },
    );
  }
  const code = axios.isAxiosError(error) ? (error.code ?? "NETWORK_ERROR") : "NETWORK_ERROR";
  // Only the message, never the axios error itself: its config holds the credentials.
  const message = errorMessage(error);
  return new AculabError(
    {
      service,
      code,
      text: scrub(message),
      outcome: NOT_SENT_CODES.has(code) ? "not-sent" : "unknown",
    },
    { cause: causeOf(error, scrub) },
  );
}

/**
 * The cause of a MALFORMED_RESPONSE. V8's JSON.parse message quotes a few characters around the
 * fault, cut from the text it parsed, so a key the cut splits would pass the scrubber: the message
 * comes from parsing the scrubbed body instead, where a cut can only split "[redacted]".
 */
function notJsonCause(body: string, scrub: Scrub): Error {
  try {
    JSON.parse(scrub(body));
  } catch (error) {
    return causeOf(error, scrub);
  }
  // Scrubbed, it parses: only the key made it unreadable. Say so without quoting anything.
  return new SyntaxError("not valid JSON");
}
