import type { AxiosInstance } from "axios";
import { z } from "zod";
import { zodMessages } from "../zodMessages";
import { httpError, networkError, parseAnswer } from "./answer";
import { REDACTED, Scrub, secretScrubber } from "./errorBody";
import { AculabError } from "./errors";
import { invalidParams } from "./invalidParams";
import { ConcurrencyLimiter } from "./limiter";
import { Logger } from "./logger";
import { requestLine } from "./requestLog";
import { RetryPolicy, withRetry } from "./retry";
import { retryableServices, ServiceName, serviceParamsSchemas } from "./services";
import { ResolvedConnectionSettings } from "./settings";
import { encodeParams, WireValue } from "./wire";

/**
 * How a request reaches Aculab and comes back: the form posted with the credentials, at most
 * maxConcurrency at once, each within its deadline, reads and deletes retried (never purchases),
 * every failure an AculabError, and each request logged at debug level.
 */
export class Transport {
  /**
   * axios, loaded with the first request rather than with the package: a program that only
   * declares resources sends none, nor does a provider process whose checks find nothing changed,
   * and neither should pay for loading it (docs/performance.md measures it).
   */
  private http?: Promise<AxiosInstance>;
  private readonly limiter: ConcurrencyLimiter;
  /** Takes the credentials out of any text a server sends before it goes into an error. */
  readonly scrub: Scrub;
  /** The log's scrubbing: the credentials, and the username too (a proxy could echo it). */
  private readonly logScrub: Scrub;

  constructor(
    private readonly settings: ResolvedConnectionSettings,
    baseUrl: string,
    private readonly retryPolicy: RetryPolicy,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {
    const basicUser = `${settings.cloudId}/${settings.username}`;
    this.limiter = new ConcurrencyLimiter(settings.maxConcurrency);
    this.scrub = secretScrubber(settings.apiKey, basicUser);
    const user = settings.username;
    this.logScrub = (text) => {
      const clean = this.scrub(text);
      return user === "" ? clean : clean.split(user).join(REDACTED);
    };
    this.httpClient = () =>
      (this.http ??= import("axios").then(({ default: axios }) =>
        axios.create({
          baseURL: baseUrl,
          auth: { username: basicUser, password: settings.apiKey },
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
        }),
      ));
  }

  private readonly httpClient: () => Promise<AxiosInstance>;

  call<S extends z.ZodType>(service: ServiceName, given: object, answer: S): Promise<z.output<S>> {
    // Checked before any attempt: a refusal is never sent, and never retried.
    const checked = serviceParamsSchemas[service].safeParse(given, { error: zodMessages });
    if (!checked.success) {
      return Promise.reject(invalidParams(service, given, checked.error.issues, this.scrub));
    }
    const params = checked.data as Record<string, WireValue>;
    const attempt = () => this.limiter.run(() => this.logged(service, params, answer));
    if (!retryableServices.has(service)) return attempt();
    return withRetry(this.retryPolicy, isTransient, attempt);
  }

  /** One request, timed from when the limiter lets it go, so the time is Aculab's and the network's. */
  private async logged<S extends z.ZodType>(
    service: string,
    params: Record<string, WireValue>,
    answer: S,
  ): Promise<z.output<S>> {
    const started = this.now();
    try {
      const result = await this.requestOnce(service, params, answer);
      this.logger.debug(requestLine(service, this.now() - started));
      return result;
    } catch (error) {
      if (error instanceof AculabError) {
        const { status, outcome } = error;
        const code = this.logScrub(error.code);
        this.logger.debug(requestLine(service, this.now() - started, { status, code, outcome }));
      }
      throw error;
    }
  }

  private async requestOnce<S extends z.ZodType>(
    service: string,
    params: Record<string, WireValue>,
    answer: S,
  ): Promise<z.output<S>> {
    // A deadline for the whole exchange: axios's own timeout only notices an idle socket, so an
    // answer trickling in byte by byte would hold a deployment forever.
    const timeoutMs = this.settings.timeoutMs;
    const http = await this.httpClient();
    const deadline = AbortSignal.timeout(timeoutMs);
    let response;
    try {
      response = await http.post<string>(`/${service}`, encodeParams(params).toString(), {
        signal: deadline,
      });
    } catch (error) {
      throw networkError(service, error, this.scrub, deadline.aborted ? timeoutMs : undefined);
    }
    const { status, data } = response;
    if (status === 200) return parseAnswer(service, data, answer, this.scrub);
    throw httpError(service, status, data, this.scrub, response.headers["location"]);
  }
}

function isTransient(error: unknown): boolean {
  if (!(error instanceof AculabError)) return false;
  if (error.status === undefined) return true;
  return error.status === 429 || error.status >= 500;
}
