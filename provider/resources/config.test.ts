import { resolveProviderConfig } from "./config";

const KEY = "config-test-key-9b1e";
const complete: Record<string, unknown> = {
  "aculab:cloudId": "1-2-0",
  "aculab:username": "bob@example.com",
  "aculab:apiKey": KEY,
};
const lookupIn = (config: Record<string, unknown>) => (key: string) => config[key];

function failureOf(config: Record<string, unknown>, env: NodeJS.ProcessEnv = {}): string {
  try {
    resolveProviderConfig(lookupIn(config), env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the configuration to be refused");
}

describe("provider configuration", () => {
  it("reads stack config, with defaults for what is optional", () => {
    expect(resolveProviderConfig(lookupIn(complete), {})).toEqual({
      cloudId: "1-2-0",
      username: "bob@example.com",
      apiKey: KEY,
      development: false,
    });
  });

  it("prefers stack config and falls back to ACULAB_* variables, value by value", () => {
    const config = resolveProviderConfig(lookupIn({ "aculab:cloudId": "9-9-9" }), {
      ACULAB_CLOUD_ID: "1-2-0",
      ACULAB_USERNAME: "env-user",
      ACULAB_API_KEY: KEY,
      ACULAB_ENDPOINT: "http://127.0.0.1:8080",
      ACULAB_DEVELOPMENT: "true",
      ACULAB_MAX_CONCURRENCY: "4",
    });
    expect(config).toEqual({
      cloudId: "9-9-9",
      username: "env-user",
      apiKey: KEY,
      endpoint: "http://127.0.0.1:8080",
      development: true,
      maxConcurrency: 4,
    });
  });

  it("names every missing setting with its config key and its variable", () => {
    expect(failureOf({ "aculab:cloudId": "1-2-0" })).toBe(
      "Aculab is not configured: set aculab:username (pulumi config set aculab:username <value>) " +
        "or the ACULAB_USERNAME environment variable; and aculab:apiKey (pulumi config set aculab:apiKey --secret) " +
        "or the ACULAB_API_KEY environment variable.",
    );
  });

  it.each([
    [
      "aculab:development",
      "yes",
      "aculab:development: must be true or false (pulumi config set aculab:development true)",
    ],
    ["aculab:maxConcurrency", "abc", "aculab:maxConcurrency: must be a whole number above 0"],
    ["aculab:maxConcurrency", "0", "aculab:maxConcurrency: must be a whole number above 0"],
    ["aculab:timeoutMs", "1.5", "aculab:timeoutMs: must be a whole number above 0"],
  ])("refuses %s = %j, naming the key and never the value", (key, value, reason) => {
    const message = failureOf({ ...complete, [key]: value });
    expect(message).toBe(`Aculab configuration is invalid: ${reason}.`);
    expect(message).not.toContain(KEY);
  });
});
