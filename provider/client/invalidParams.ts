import { z } from "zod";
import { quoted, Scrub } from "./errorBody";
import { AculabError } from "./errors";
import { ServiceName, serviceParamsSchemas } from "./services";

/**
 * The refusal of parameters a service's schema does not accept: one AculabError naming the service
 * and each parameter (with its value, scrubbed and cut like any quoted text) and what it must be.
 * Outcome "not-sent": the request was never made, so nothing is reconciled and nothing retried.
 */
export function invalidParams(
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
