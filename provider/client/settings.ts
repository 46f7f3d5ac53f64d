import { z } from "zod";
import { zodMessages } from "../zodMessages";

const CLOUD_ID_FIX = "set aculab:cloudId (or ACULAB_CLOUD_ID) to your account's cloud id";

/**
 * The form of a cloud id. The reference shows one, 1-2-0, as the prefix of the user name
 * ("1-2-0/bob@example.com") and in the host name (https://ws-[cloudID].aculabcloud.net); three
 * groups of digits joined by hyphens, each group of any length, is our reading of it. Nothing
 * else may pass: the cloud id is spliced into the host the API key goes to, and "evil.example/"
 * would make that host ws-evil.example.
 */
export const CLOUD_ID_PATTERN = /^[0-9]+-[0-9]+-[0-9]+$/;

const cloudIdSchema = z
  .string()
  .min(1, { error: `must not be empty (e.g. 1-2-0): ${CLOUD_ID_FIX}`, abort: true })
  .regex(CLOUD_ID_PATTERN, {
    error:
      "is not an Aculab Cloud id, which is three numbers joined by hyphens as in 1-2-0 (the host is " +
      `https://ws-<cloudId>.aculabcloud.net): ${CLOUD_ID_FIX}`,
  });

/** How to reach one Aculab Cloud account. The API key is only ever held here and in the auth header. */
export const connectionSettingsSchema = z.object({
  cloudId: cloudIdSchema,
  username: z
    .string()
    .min(1, "must not be empty (e.g. bob@example.com): set aculab:username (or ACULAB_USERNAME)"),
  apiKey: z.string().min(1, "must not be empty: set aculab:apiKey (or ACULAB_API_KEY)"),
  endpoint: z.string().optional(),
  /** Per-request timeout in milliseconds. Purchases can take several seconds, so the default is generous. */
  timeoutMs: z.number().int().positive().default(30_000),
  /** Upper bound on requests in flight at once from this process. */
  maxConcurrency: z.number().int().positive().default(8),
});

export type ConnectionSettings = z.input<typeof connectionSettingsSchema>;
export type ResolvedConnectionSettings = z.output<typeof connectionSettingsSchema>;

/**
 * The settings, checked: an Error naming each setting that is wrong and how to set it. Values are
 * never echoed, since a misplaced API key could be among them.
 */
export function parseConnectionSettings(settings: unknown): ResolvedConnectionSettings {
  const parsed = connectionSettingsSchema.safeParse(settings, { error: zodMessages });
  if (parsed.success) return parsed.data;
  throw settingsError(parsed.error.issues);
}

/** The cloud id, checked on its own: for a host name made outside the client. */
function checkedCloudId(cloudId: string): string {
  const parsed = cloudIdSchema.safeParse(cloudId, { error: zodMessages });
  if (parsed.success) return parsed.data;
  throw settingsError(parsed.error.issues.map((issue) => ({ ...issue, path: ["cloudId"] })));
}

function settingsError(issues: z.core.$ZodIssue[]): Error {
  const problems = issues.map(
    (issue) => `${issue.path.map(String).join(".") || "(settings)"}: ${issue.message}`,
  );
  return new Error(`Aculab client settings are invalid: ${problems.join("; ")}.`);
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/**
 * The base URL requests go to. Plain http would send the API key in clear text, so it is only
 * allowed for loopback (the simulator).
 */
export function resolveBaseUrl(settings: Pick<ConnectionSettings, "cloudId" | "endpoint">): string {
  const raw = settings.endpoint ?? `https://ws-${checkedCloudId(settings.cloudId)}.aculabcloud.net`;
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
