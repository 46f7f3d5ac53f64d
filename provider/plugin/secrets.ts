/**
 * How the engine marks a secret inside a protobuf Struct once a provider accepts secrets. These are
 * protocol constants (the same as @pulumi/pulumi's runtime/rpc), kept here so the plugin starts
 * without loading the whole Pulumi SDK.
 */
export const SECRET_SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

type Props = Record<string, unknown>;

export function isSecret(value: unknown): value is { value: unknown } {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Props)[SECRET_SIGNATURE_KEY] === SECRET_SIGNATURE
  );
}

export function secret(value: unknown): Props {
  return { [SECRET_SIGNATURE_KEY]: SECRET_SIGNATURE, value };
}

/** Plain values, at any depth: the lifecycle logic knows nothing of secrets. */
export function unwrapSecrets(value: unknown): unknown {
  if (isSecret(value)) return unwrapSecrets(value.value);
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
  }
  return value;
}

export function unwrapProps(props: Props): Props {
  return unwrapSecrets(props) as Props;
}

/** A property that came in secret goes back out secret, so a provider that unwraps never declassifies. */
export function keepSecrecy(outputs: Props, inputs: Props): Props {
  const kept: Props = {};
  for (const [property, value] of Object.entries(outputs)) {
    kept[property] = isSecret(inputs[property]) && !isSecret(value) ? secret(value) : value;
  }
  return kept;
}
