/**
 * What came back from one request, made into its answer or an AculabError: a 200 parsed against
 * the service's answer schema, any other status read as an error body, a network failure or a
 * deadline. Everything quoted from the server is scrubbed of the credentials first.
 */
import type { AxiosError } from "axios";
import { z } from "zod";
import { errorMessage } from "../../common/errorMessage";
import { zodMessages } from "../zodMessages";
import { quoted, readErrorBody, readErrorJson, Scrub } from "./errorBody";
import { AculabError, RequestOutcome } from "./errors";

/** Network failures that happen before a byte of the request is sent. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ERR_INVALID_URL"]);

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

/** The answer of a 200, parsed against the service's answer schema. */
export function parseAnswer<S extends z.ZodType>(
  service: string,
  body: string,
  answer: S,
  scrub: Scrub,
): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw notJson(service, body, scrub);
  }
  const parsed = answer.safeParse(json, { error: zodMessages });
  if (parsed.success) return parsed.data;
  throw notTheDocumentedAnswer(service, body, json, parsed.error, scrub);
}

function notJson(service: string, body: string, scrub: Scrub): AculabError {
  return new AculabError(
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

/**
 * An error Aculab carries in a 200 is still an error, and one that says so proves the request was
 * refused: nothing was bought (README, Decisions). Any other shape may be a success we cannot read.
 */
function notTheDocumentedAnswer(
  service: string,
  body: string,
  json: unknown,
  error: z.ZodError,
  scrub: Scrub,
): AculabError {
  const carried = readErrorJson(json);
  if (carried?.labelled) {
    return new AculabError({
      service,
      status: 200,
      code: scrub(carried.code ?? "HTTP 200"),
      text: carried.text === undefined ? `answered ${quoted(body, scrub)}` : scrub(carried.text),
      outcome: "rejected",
    });
  }
  const problem = error.issues
    .map((i) => `${i.path.join(".") || "(answer)"}: ${i.message}`)
    .join("; ");
  return new AculabError(
    {
      service,
      status: 200,
      code: "UNEXPECTED_RESPONSE",
      text: `answered ${quoted(body, scrub)}, which does not have the documented shape (${scrub(problem)})`,
      outcome: "unknown",
    },
    { cause: causeOf(error, scrub) },
  );
}

export function httpError(
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
export function networkError(
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
  const code = isAxiosError(error) ? (error.code ?? "NETWORK_ERROR") : "NETWORK_ERROR";
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

/** axios's own test (its isAxiosError), without loading axios: see Transport's http. */
function isAxiosError(error: unknown): error is AxiosError {
  return (
    typeof error === "object" &&
    error !== null &&
    "isAxiosError" in error &&
    error.isAxiosError === true
  );
}
