/**
 * The Aculab wire format for request parameters: snake_case names, "True"/"False" booleans,
 * comma-separated lists, and every non-ASCII character as a \uXXXX escape (the reference's rule
 * for names such as "M\u00f6nchengladbach").
 */

export type WireValue = string | number | boolean | readonly string[] | undefined;

export function toSnakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Characters beyond U+FFFF become two escapes because JavaScript strings are UTF-16 already. */
export function escapeNonAscii(value: string): string {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    out += unit < 0x80 ? value[i] : `\\u${unit.toString(16).padStart(4, "0")}`;
  }
  return out;
}

function wireValue(value: Exclude<WireValue, undefined>): string {
  if (typeof value === "boolean") return value ? "True" : "False";
  if (Array.isArray(value)) return value.join(",");
  return escapeNonAscii(String(value));
}

/** Unset parameters are left out rather than sent empty, so Aculab applies its own defaults. */
export function encodeParams(params: Record<string, WireValue>): URLSearchParams {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    body.set(toSnakeCase(name), wireValue(value));
  }
  return body;
}
