import { ConfigLookup, providerConfigKeys, providerConfigSchema } from "../resources/config";
import { CheckFailure } from "../resources/inputs";
import { isUnknown } from "../resources/unknown";
import { PACKAGE } from "./schema";
import { zodMessages } from "../zodMessages";
import { secret, unwrapProps } from "./secrets";

type Props = Record<string, unknown>;
type SettingName = keyof typeof providerConfigKeys;
const settingNames = Object.keys(providerConfigKeys) as SettingName[];

/** Set, known, and not blank. */
function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "" && !isUnknown(value);
}

/**
 * What Configure received, as the lookup resolveProviderConfig takes (keys `aculab:cloudId`). The
 * engine sends the provider's inputs twice: as `args` (camelCase names, secrets wrapped; SDKs send
 * non-string values of explicit providers as JSON text) and as `variables` (`aculab:config:cloudId`,
 * all strings). Either may be all there is, so both are read; the ACULAB_* environment variables
 * remain the fallback inside resolveProviderConfig.
 */
export function configLookup(args: Props, variables: Record<string, string>): ConfigLookup {
  const plainArgs = unwrapProps(args);
  return (key) => {
    const name = key.startsWith(`${PACKAGE}:`) ? key.slice(PACKAGE.length + 1) : key;
    for (const value of [plainArgs[name], variables[`${PACKAGE}:config:${name}`], variables[key]]) {
      if (present(value)) return value;
    }
    return undefined;
  };
}

/**
 * CheckConfig: the settings given must be valid; missing ones are not failures here, since the
 * environment may supply them and a preview can run without credentials. The values are never
 * echoed in a reason. The apiKey goes back marked secret, so the engine stores it encrypted even if
 * the program set it in plain text.
 */
export function checkProviderConfig(news: Props): { inputs: Props; failures: CheckFailure[] } {
  const plain = unwrapProps(news);
  const failures: CheckFailure[] = [];
  for (const name of settingNames) {
    const value = plain[name];
    if (!present(value)) continue;
    const parsed = providerConfigSchema.shape[name].safeParse(value, { error: zodMessages });
    if (!parsed.success) {
      failures.push({
        property: name,
        reason: `${name} (${providerConfigKeys[name].config}) is invalid: ${parsed.error.issues[0].message}`,
      });
    }
  }
  const inputs = { ...news };
  if (inputs.apiKey !== undefined && plain.apiKey !== undefined && !isUnknown(plain.apiKey)) {
    inputs.apiKey = secret(plain.apiKey);
  }
  return { inputs, failures };
}

/**
 * DiffConfig: which settings changed. Never a replacement: a provider replaced would replace every
 * resource it manages, which means buying new numbers and releasing the old ones.
 */
export function diffProviderConfig(olds: Props, news: Props): string[] {
  const before = unwrapProps(olds);
  const after = unwrapProps(news);
  return settingNames.filter(
    (name) => JSON.stringify(before[name]) !== JSON.stringify(after[name]),
  );
}
