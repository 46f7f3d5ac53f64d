// A tiny HTTP client for the simulator's own tests: real requests over the wire, the way an
// Aculab client makes them (Basic auth, Accept: application/json).

import type { RunningSimulator } from "../../simulator/types";

export interface Answer {
  status: number;
  body: unknown;
  headers: Headers;
}

export interface CallOptions {
  method?: "GET" | "POST";
  /** Parameters sent in the form body of a POST, in addition to those in the query. */
  form?: Array<[string, string]>;
  /** An Authorization header value, or null to send none; defaults to the right credentials. */
  authorization?: string | null;
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
}

export async function call(
  sim: RunningSimulator,
  service: string,
  query: Record<string, string> | Array<[string, string]> = {},
  options: CallOptions = {},
): Promise<Answer> {
  const { cloudId, username, apiKey } = sim.credentials;
  const headers: Record<string, string> = { Accept: "application/json" };
  const authorization =
    options.authorization === undefined
      ? basicAuth(`${cloudId}/${username}`, apiKey)
      : options.authorization;
  if (authorization !== null) headers.Authorization = authorization;
  const method = options.method ?? (options.form ? "POST" : "GET");
  let body: string | undefined;
  if (options.form) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(options.form).toString();
  }
  const search = new URLSearchParams(query).toString();
  const url = `${sim.url}/${service}${search ? `?${search}` : ""}`;
  const res = await fetch(url, { method, headers, body });
  const text = await res.text();
  return {
    status: res.status,
    body: text === "" ? undefined : JSON.parse(text),
    headers: res.headers,
  };
}

/** The Aculab error body for a code and text, as tests expect it. */
export const aculabError = (code: string, text: string) => ({ error: { code, text } });

/** A clock tests can move, injected through the `now` option. */
export function manualClock(iso: string): { now: () => Date; advance(ms: number): void } {
  let t = Date.parse(iso);
  return { now: () => new Date(t), advance: (ms) => (t += ms) };
}
