import { z } from "zod";
import type { AculabClientOptions } from "../client";
import { model, type ProviderSettings, type SettingName } from "../model";
import { zodMessages } from "../zodMessages";

/**
 * Provider configuration: stack config (aculab:*) first, then ACULAB_* environment variables.
 * Both front doors hand us a lookup function, so this is the one place that reads the keys; the
 * settings themselves (names, types, environment variables, defaults) are the model's.
 */
type ConfigName = SettingName;
const settings = Object.entries(model.config) as [ConfigName, (typeof model.config)[ConfigName]][];

export const providerConfigKeys = Object.fromEntries(
  settings.map(([name, s]) => [name, { config: `${model.name}:${name}`, env: s.env }]),
) as Record<ConfigName, { config: string; env: string }>;

export type ConfigLookup = (key: string) => unknown;

const flag = (name: string) =>
  z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")], {
    error: () => `must be true or false (pulumi config set ${model.name}:${name} true)`,
  });
const positiveInt = z.coerce
  .number({ error: "must be a whole number above 0" })
  .int("must be a whole number above 0")
  .positive("must be a whole number above 0");

/** A setting's validator: config values may arrive as text ("true", "8"). */
function settingSchema(name: string, s: (typeof model.config)[ConfigName]): z.ZodType {
  const base: z.ZodType =
    s.type === "boolean" ? flag(name) : s.type === "integer" ? positiveInt : z.string().min(1);
  if ("default" in s) return base.default(s.default);
  return "needed" in s && s.needed ? base : base.optional();
}

export const providerConfigSchema = z.object(
  Object.fromEntries(settings.map(([name, s]) => [name, settingSchema(name, s)])) as Record<
    ConfigName,
    z.ZodType
  >,
);
export type ProviderConfig = ProviderSettings;

const required = settings.filter(([, s]) => "needed" in s && s.needed).map(([name]) => name);

function describeKey(name: ConfigName): string {
  const { config, env } = providerConfigKeys[name];
  return `${config} (pulumi config set ${config}${"secret" in model.config[name] ? " --secret" : " <value>"}) or the ${env} environment variable`;
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
  const parsed = providerConfigSchema.safeParse(raw, { error: zodMessages });
  if (!parsed.success) {
    // Name the key, never echo the value: it could be the API key.
    const problems = parsed.error.issues.map((i) => {
      const name = String(i.path[0]) as ConfigName;
      return `${providerConfigKeys[name]?.config ?? name}: ${i.message}`;
    });
    throw new Error(`Aculab configuration is invalid: ${problems.join("; ")}.`);
  }
  return parsed.data as ProviderConfig;
}

/** The client a configuration connects with: the one mapping of settings to client options. */
export function clientOptionsOf(config: ProviderConfig): AculabClientOptions {
  return {
    cloudId: config.cloudId,
    username: config.username,
    apiKey: config.apiKey,
    endpoint: config.endpoint,
    maxConcurrency: config.maxConcurrency,
    timeoutMs: config.timeoutMs,
  };
}
