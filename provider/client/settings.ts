import { z } from "zod";

/** How to reach one Aculab Cloud account. The API key is only ever held here and in the auth header. */
export const connectionSettingsSchema = z.object({
  cloudId: z.string().min(1, "cloudId must not be empty (e.g. 1-2-0)"),
  username: z.string().min(1, "username must not be empty (e.g. bob@example.com)"),
  apiKey: z.string().min(1, "apiKey must not be empty"),
  endpoint: z.string().optional(),
  /** Per-request timeout in milliseconds. Purchases can take several seconds, so the default is generous. */
  timeoutMs: z.number().int().positive().default(30_000),
  /** Upper bound on requests in flight at once from this process. */
  maxConcurrency: z.number().int().positive().default(8),
});

export type ConnectionSettings = z.input<typeof connectionSettingsSchema>;
export type ResolvedConnectionSettings = z.output<typeof connectionSettingsSchema>;

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/**
 * The base URL requests go to. Plain http would send the API key in clear text, so it is only
 * allowed for loopback (the simulator).
 */
export function resolveBaseUrl(settings: Pick<ConnectionSettings, "cloudId" | "endpoint">): string {
  const raw = settings.endpoint ?? `https://ws-${settings.cloudId}.aculabcloud.net`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(
      `Aculab endpoint "${raw}" is not a valid URL: set aculab:endpoint (or ACULAB_ENDPOINT) to e.g. https://ws-1-2-0.aculabcloud.net`,
    );
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    throw new Error(
      `Aculab endpoint "${raw}" uses plain http: only loopback addresses (the simulator) may; use https:// so the API key is not sent in clear text`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`Aculab endpoint "${raw}" must be an https:// URL`);
  }
  return url.toString().replace(/\/+$/, "");
}
