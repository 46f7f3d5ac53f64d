import { RequestOutcome } from "./errors";

/** What a failed request came to, as its AculabError says: the code is already free of credentials. */
export interface RequestFailure {
  status?: number;
  code: string;
  outcome: RequestOutcome;
}

const OUTCOME_WORDS: Record<RequestOutcome, string> = {
  rejected: "rejected",
  "not-sent": "not sent",
  unknown: "outcome unknown",
};

/**
 * The debug line of one request to Aculab: which service, what came of it (the HTTP status, the
 * error code Aculab or the network gave, whether anything can have been done), how long it took.
 * No parameter and no answer: those may name the account's numbers and addresses.
 */
export function requestLine(service: string, ms: number, failure?: RequestFailure): string {
  const took = `in ${Math.round(ms)} ms`;
  if (failure === undefined) return `aculab: ${service} answered HTTP 200 ${took}`;
  const said = failure.status === undefined ? "failed" : `answered HTTP ${failure.status}`;
  return `aculab: ${service} ${said} [${failure.code}] ${took}: ${OUTCOME_WORDS[failure.outcome]}`;
}
