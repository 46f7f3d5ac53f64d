// Turns a request's query string and form body into validated parameters, applying the rules
// every service shares: one value per name, only known names, ASCII on the wire with
// \uXXXX escapes for everything else.

import { ErrorAnswer, ErrorCode, malformed, missing } from "./errors";
import { DID_TYPES } from "./inventory";
import type { DidType } from "./types";

export interface ReceivedParams {
  /** URL/form decoded, in arrival order, duplicates kept. */
  pairs: Array<[string, string]>;
}

export function receiveParams(query: string, formBody: string | undefined): ReceivedParams {
  const pairs = [...new URLSearchParams(query)];
  if (formBody !== undefined) pairs.push(...new URLSearchParams(formBody));
  return { pairs };
}

/** First occurrence wins: what the request log shows for a duplicated name. */
export function firstValues(pairs: Array<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of pairs) if (!(name in out)) out[name] = value;
  return out;
}

const ESCAPE = /\\u([0-9a-fA-F]{4})/y;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Decodes the \uXXXX escapes the reference asks clients to send for non-ASCII characters.
 * Characters beyond U+FFFF arrive as two escapes (a UTF-16 surrogate pair), so a lone
 * surrogate is a malformed value rather than something to pass on.
 */
export function decodeUnicodeEscapes(name: string, value: string): string {
  for (const ch of value) {
    if (ch.charCodeAt(0) > 0x7f) {
      throw malformed(
        `Parameter '${name}' contains non-ASCII characters: send each as a \\uXXXX escape ` +
          `(for example M\\u00f6nchengladbach)`,
      );
    }
  }
  let out = "";
  let i = 0;
  while (i < value.length) {
    if (value[i] === "\\" && value[i + 1] === "u") {
      ESCAPE.lastIndex = i;
      const m = ESCAPE.exec(value);
      if (!m) throw malformed(`Parameter '${name}' has a malformed \\u escape at position ${i}`);
      out += String.fromCharCode(parseInt(m[1], 16));
      i += 6;
    } else {
      out += value[i];
      i += 1;
    }
  }
  if (LONE_SURROGATE.test(out)) {
    throw malformed(`Parameter '${name}' has an unpaired UTF-16 surrogate escape`);
  }
  return out;
}

/**
 * Validated access to one request's parameters. Construction enforces the shared rules, so
 * a service only states which names it accepts and how each is typed.
 */
export class Params {
  private readonly values: Record<string, string>;

  constructor(received: ReceivedParams, allowed: readonly string[]) {
    const seen = new Set<string>();
    for (const [name] of received.pairs) {
      if (seen.has(name)) {
        throw new ErrorAnswer(ErrorCode.duplicate, `Parameter '${name}' was given more than once`);
      }
      seen.add(name);
    }
    for (const name of seen) {
      if (!allowed.includes(name)) throw malformed(`Unknown parameter '${name}'`);
    }
    this.values = {};
    for (const [name, value] of received.pairs) {
      this.values[name] = decodeUnicodeEscapes(name, value);
    }
  }

  /** An empty value counts as missing: a blank form field is not an answer. */
  required(name: string): string {
    const value = this.values[name];
    if (value === undefined || value === "") {
      throw missing(`Parameter '${name}' is required`);
    }
    return value;
  }

  optional(name: string): string | undefined {
    return this.values[name];
  }

  has(name: string): boolean {
    return name in this.values;
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.values[name];
    if (value === undefined) return fallback;
    if (value === "True") return true;
    if (value === "False") return false;
    throw malformed(`Parameter '${name}' must be "True" or "False", not '${value}'`);
  }

  /** A positive decimal integer; zero has its own code because Aculab distinguishes it. */
  positiveInteger(name: string, fallback: number): number {
    const value = this.values[name];
    if (value === undefined) return fallback;
    if (!/^[0-9]+$/.test(value)) {
      throw malformed(`Parameter '${name}' must be a positive whole number, not '${value}'`);
    }
    const n = Number(value);
    if (n === 0) throw new ErrorAnswer(ErrorCode.zero, `Parameter '${name}' must not be zero`);
    if (!Number.isSafeInteger(n)) throw malformed(`Parameter '${name}' is too large`);
    return n;
  }

  didType(name: string, fallback: DidType): DidType;
  didType(name: string, fallback: undefined): DidType | undefined;
  didType(name: string, fallback: DidType | undefined): DidType | undefined {
    const value = this.values[name];
    if (value === undefined) return fallback;
    const found = DID_TYPES.find((t) => t === value);
    if (!found) {
      throw malformed(`Parameter '${name}' must be one of ${DID_TYPES.join(", ")}, not '${value}'`);
    }
    return found;
  }
}
