/**
 * Reading what a server said when it said no. The Aculab reference documents the successful
 * answers only; error bodies come in whatever shape the server (Aculab, a proxy, a gateway)
 * chooses, so every shape we can read keeps its code and text (README, Decisions):
 * `{"error": {"code", "text"}}` (what the simulator sends), `{"code", "text"}`, `{"error": "text"}`,
 * `{"message": "text"}`, a JSON string, or plain text.
 */

export interface ErrorBody {
  /** Aculab's code, as sent (a number is kept as its digits). */
  code?: string;
  text?: string;
  /**
   * The body says, in so many words, that this is an error: an `error` member, or a `code`
   * with a text. A bare `{"message"}` is not enough for an HTTP 200: it could be a success
   * answered in some undocumented shape.
   */
  labelled: boolean;
}

const TEXT_KEYS = ["text", "message", "description", "detail", "error_description"] as const;

function stringOf(value: unknown): string | undefined {
  if (typeof value === "string" && value.trim() !== "") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

function textOf(object: Record<string, unknown>): string | undefined {
  for (const key of TEXT_KEYS) {
    const text = stringOf(object[key]);
    if (text !== undefined) return text;
  }
  return undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** What an error body says, or undefined when it says nothing we can read (an empty body). */
export function readErrorBody(body: string): ErrorBody | undefined {
  if (body.trim() === "") return undefined;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { text: body, labelled: false };
  }
  return readErrorJson(json) ?? { labelled: false };
}

/** The error a parsed JSON answer carries, if any. */
export function readErrorJson(json: unknown): ErrorBody | undefined {
  if (typeof json === "string")
    return json.trim() === "" ? undefined : { text: json, labelled: false };
  if (!isObject(json)) return undefined;
  const inner = json.error;
  if (isObject(inner)) {
    return {
      code: stringOf(inner.code) ?? stringOf(json.code),
      text: textOf(inner) ?? textOf(json),
      labelled: true,
    };
  }
  if (typeof inner === "string" && inner.trim() !== "") {
    return { code: stringOf(json.code), text: textOf(json) ?? inner, labelled: true };
  }
  const code = stringOf(json.code);
  const text = textOf(json);
  if (code !== undefined && text !== undefined) return { code, text, labelled: true };
  if (text !== undefined) return { code, text, labelled: false };
  return undefined;
}

/** Takes the credentials out of a text: see secretScrubber. */
export type Scrub = (text: string) => string;

/**
 * Removes the API key and the Authorization header's value (and its base64 form) from any text a
 * server sent, before it becomes part of an error: a server or proxy that echoes the request
 * must not put the key into logs and state through us.
 */
export function secretScrubber(apiKey: string, basicUser: string): Scrub {
  const basic = Buffer.from(`${basicUser}:${apiKey}`).toString("base64");
  const forms = new Set(
    [
      `Basic ${basic}`,
      basic,
      apiKey,
      Buffer.from(apiKey).toString("base64"),
      encodeURIComponent(apiKey),
      JSON.stringify(apiKey).slice(1, -1),
    ].filter((form) => form.length > 0),
  );
  // Longest first, so that the header value goes as a whole rather than around the key inside it.
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  return (text: string) => {
    let scrubbed = text;
    for (const form of ordered) scrubbed = scrubbed.split(form).join(REDACTED);
    return scrubbed;
  };
}

export const REDACTED = "[redacted]";

/** How much of a server's text an error quotes when the text is not an error text of its own. */
export const PREVIEW_LENGTH = 200;

/**
 * A server's text as an error quotes it: scrubbed as a whole, then cut to PREVIEW_LENGTH. Never
 * the other way round: a cut that splits the key (or one of its forms) leaves a half that no
 * longer matches the scrubber, and that half would reach logs and state.
 */
export function quoted(text: string, scrub: Scrub): string {
  const clean = scrub(text);
  return clean.length > PREVIEW_LENGTH ? `${clean.slice(0, PREVIEW_LENGTH)}…` : clean;
}
