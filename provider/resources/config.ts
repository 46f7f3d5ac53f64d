import { z } from "zod";

/**
 * Provider configuration: stack config (aculab:*) first, then ACULAB_* environment variables.
 * Both front doors hand us a lookup function, so this is the one place that knows the keys.
 */
export const providerConfigKeys = {
  cloudId: { config: "aculab:cloudId", env: "ACULAB_CLOUD_ID" },
  username: { config: "aculab:username", env: "ACULAB_USERNAME" },
  apiKey: { config: "aculab:apiKey", env: "ACULAB_API_KEY" },
  endpoint: { config: "aculab:endpoint", env: "ACULAB_ENDPOINT" },
  development: { config: "aculab:development", env: "ACULAB_DEVELOPMENT" },
  maxConcurrency: { config: "aculab:maxConcurrency", env: "ACULAB_MAX_CONCURRENCY" },
  timeoutMs: { config: "aculab:timeoutMs", env: "ACULAB_TIMEOUT_MS" },
} as const;

type ConfigName = keyof typeof providerConfigKeys;
export type ConfigLookup = (key: string) => unknown;

const flag = z
  .union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")], {
    errorMap: () => ({
      message: "must be true or false (pulumi config set aculab:development true)",
    }),
  })
  .default(false);
const positiveInt = z.coerce
  .number({ invalid_type_error: "must be a whole number above 0" })
  .int("must be a whole number above 0")
  .positive("must be a whole number above 0")
  .optional();

export const providerConfigSchema = z.object({
  cloudId: z.string().min(1),
  username: z.string().min(1),
  apiKey: z.string().min(1),
  endpoint: z.string().min(1).optional(),
  development: flag,
  maxConcurrency: positiveInt,
  timeoutMs: positiveInt,
});
export type ProviderConfig = z.output<typeof providerConfigSchema>;

const required: ConfigName[] = ["cloudId", "username", "apiKey"];

function describeKey(name: ConfigName): string {
  const { config, env } = providerConfigKeys[name];
  return `${config} (pulumi config set ${config}${name === "apiKey" ? " --secret" : " <value>"}) or the ${env} environment variable`;
}

export function resolveProviderConfig(
  lookup: ConfigLookup,
  env: NodeJS.ProcessEnv = process.env,
): ProviderConfig {
  const raw: Record<string, unknown> = {};
  for (const [name, keys] of Object.entries(providerConfigKeys)) {
    const fromConfig = lookup(keys.config);
    const value = fromConfig === undefined || fromConfig === "" ? env[keys.env] : fromConfig;
    if (value !== undefined && value !== "") raw[name] = value;
  }
  const missing = required.filter((name) => raw[name] === undefined);
  if (missing.length > 0) {
    throw new Error(`Aculab is not configured: set ${missing.map(describeKey).join("; and ")}.`);
  }
  const parsed = providerConfigSchema.safeParse(raw);
  if (!parsed.success) {
    // Name the key, never echo the value: it could be the API key.
    const problems = parsed.error.issues.map((i) => {
      const name = String(i.path[0]) as ConfigName;
      return `${providerConfigKeys[name]?.config ?? name}: ${i.message}`;
    });
    throw new Error(`Aculab configuration is invalid: ${problems.join("; ")}.`);
  }
  return parsed.data;
}
