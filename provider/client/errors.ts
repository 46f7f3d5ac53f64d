/**
 * What a failed request tells us about the account, which decides whether it may be retried:
 * - "rejected": Aculab answered with an error, so nothing changed;
 * - "not-sent": the request never left this machine (connection refused, bad address);
 * - "unknown": the request may have been carried out (timeout, reset, 5xx, unreadable answer).
 */
export type RequestOutcome = "rejected" | "not-sent" | "unknown";

export interface AculabErrorDetails {
  service: string;
  /** HTTP status, when Aculab answered at all. */
  status?: number;
  /** Aculab's code ("0001".."0007", "0300"), "HTTP <status>" without one, or the network error code. */
  code: string;
  text: string;
  outcome: RequestOutcome;
}

export class AculabError extends Error {
  readonly service: string;
  readonly status?: number;
  readonly code: string;
  readonly text: string;
  readonly outcome: RequestOutcome;

  /** `cause`: the error this one rewraps (a network error, a parse error), without credentials. */
  constructor(details: AculabErrorDetails, options?: { cause?: unknown }) {
    super(AculabError.describe(details), options);
    this.name = "AculabError";
    this.service = details.service;
    this.status = details.status;
    this.code = details.code;
    this.text = details.text;
    this.outcome = details.outcome;
  }

  /** The only answers that prove nothing was done; everything else must be reconciled, not retried. */
  get provesNothingChanged(): boolean {
    return this.outcome !== "unknown";
  }

  private static describe(d: AculabErrorDetails): string {
    const where = d.status === undefined ? "" : ` (HTTP ${d.status})`;
    const maybe =
      d.outcome === "unknown"
        ? " The request may have reached Aculab and been carried out."
        : d.outcome === "not-sent"
          ? " The request did not reach Aculab."
          : "";
    return `Aculab ${d.service} failed${where}: [${d.code}] ${d.text}.${maybe}`;
  }
}
