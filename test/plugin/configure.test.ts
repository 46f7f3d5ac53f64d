import { CANARY_API_KEY } from "../../harness";
import { functionToken, resourceTokens } from "../../provider/plugin";
import { RunningSimulator, startSimulator } from "../../simulator";
import { providerArgs, RunningPlugin, stackVariables, startPlugin, urnOf } from "./pluginProcess";
import { SECRET_SIGNATURE, SECRET_SIGNATURE_KEY } from "../../provider/plugin/secrets";

// Per test and hook: far above the time measured on a loaded machine (docs/testing.md).
jest.setTimeout(300_000);

const asSecret = (value: unknown) => ({ [SECRET_SIGNATURE_KEY]: SECRET_SIGNATURE, value });
const providerUrn = urnOf("pulumi:providers:aculab", "default");
const regions = { country: "Canada", state: "Manitoba" };

let simulator: RunningSimulator;
let plugin: RunningPlugin;
beforeAll(async () => {
  simulator = await startSimulator({ apiKey: CANARY_API_KEY });
});
afterAll(() => simulator.stop());
beforeEach(async () => {
  plugin = await startPlugin();
  simulator.resetRequestLog();
});
afterEach(async () => {
  await plugin.stop();
  expect(plugin.process.stderr()).not.toContain(CANARY_API_KEY);
});

describe("Configure", () => {
  it("takes explicit provider arguments, the apiKey as a secret, and says it accepts secrets", async () => {
    const args = { ...providerArgs(simulator), apiKey: asSecret(CANARY_API_KEY) };
    expect(await plugin.client.configure(args, {})).toEqual({ acceptSecrets: true });
    const answer = await plugin.client.invoke(functionToken("getSupportedRegions"), regions);
    expect(answer.result).toEqual({ regions: ["Oakbank", "Winnipeg"] });
    expect(simulator.requests().map((r) => [r.service, r.authorizedUser])).toEqual([
      [
        "tel_get_supported_regions",
        `${simulator.credentials.cloudId}/${simulator.credentials.username}`,
      ],
    ]);
  });

  it("takes the stack config alone, as `aculab:config:<name>` variables", async () => {
    await plugin.client.configure({}, stackVariables(simulator));
    expect(
      (await plugin.client.invoke(functionToken("getSupportedRegions"), regions)).result,
    ).toEqual({
      regions: ["Oakbank", "Winnipeg"],
    });
    expect(simulator.requests()[0].authorizedUser).toBe(
      `${simulator.credentials.cloudId}/${simulator.credentials.username}`,
    );
  });

  it("reads non-string settings an SDK sends as JSON text: development mode buys through tel_purchase_development", async () => {
    await plugin.client.configure({ ...providerArgs(simulator), development: "true" }, {});
    const urn = urnOf(resourceTokens.InboundNumber, "review");
    const created = await plugin.client.create(urn, {
      country: "United Kingdom",
      region: "Milton Keynes",
      didType: "geographic",
    });
    expect(simulator.requests().map((r) => r.service)).toEqual(["tel_purchase_development"]);
    expect(simulator.ownedNumbers()).toEqual({});
    expect(created.properties).toMatchObject({ number: created.id, monthlyPrice: 0 });
  });

  it("without settings anywhere, names every missing key and its environment variable", async () => {
    await plugin.client.configure({}, {});
    await expect(
      plugin.client.invoke(functionToken("getSupportedRegions"), regions),
    ).rejects.toThrow(
      "Aculab is not configured: set aculab:cloudId (pulumi config set aculab:cloudId <value>) or the ACULAB_CLOUD_ID environment variable; " +
        "and aculab:username (pulumi config set aculab:username <value>) or the ACULAB_USERNAME environment variable; " +
        "and aculab:apiKey (pulumi config set aculab:apiKey --secret) or the ACULAB_API_KEY environment variable.",
    );
    expect(simulator.requests()).toEqual([]);
  });

  it("a wrong API key is a clear error that does not contain the key", async () => {
    const wrongKey = "wrong-key-d41d8cd98f00b204";
    await plugin.client.configure({ ...providerArgs(simulator), apiKey: asSecret(wrongKey) }, {});
    const failure = await plugin.client
      .invoke(functionToken("getSupportedRegions"), regions)
      .catch((e: Error) => e);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/401|authori[sz]/i);
    expect((failure as Error).message).not.toContain(wrongKey);
    expect(plugin.process.stderr()).not.toContain(wrongKey);
  });
});

describe("CheckConfig and DiffConfig", () => {
  it("hands the apiKey back only as a secret, whether it came in plain or secret", async () => {
    for (const apiKey of [CANARY_API_KEY, asSecret(CANARY_API_KEY)]) {
      const checked = await plugin.client.checkConfig(providerUrn, {
        ...providerArgs(simulator),
        apiKey,
        version: "0.1.0",
      });
      expect(checked).toEqual({
        inputs: { ...providerArgs(simulator), apiKey: asSecret(CANARY_API_KEY), version: "0.1.0" },
        failures: [],
      });
    }
  });

  it("names an invalid setting without echoing its value; missing credentials are left to the environment", async () => {
    const checked = await plugin.client.checkConfig(providerUrn, {
      development: "maybe-not",
      maxConcurrency: "0",
    });
    expect(checked.failures.map((f) => f.property)).toEqual(["development", "maxConcurrency"]);
    expect(checked.failures[0].reason).toBe(
      "development (aculab:development) is invalid: must be true or false (pulumi config set aculab:development true)",
    );
    expect(checked.failures[1].reason).toBe(
      "maxConcurrency (aculab:maxConcurrency) is invalid: must be a whole number above 0",
    );
    expect(JSON.stringify(checked.failures)).not.toContain("maybe-not");
  });

  it("reports changed settings, never as a replacement", async () => {
    const olds = { ...providerArgs(simulator), apiKey: asSecret(CANARY_API_KEY) };
    const diff = await plugin.client.diffConfig(providerUrn, olds, {
      ...olds,
      endpoint: "http://127.0.0.1:1",
      apiKey: asSecret("rotated"),
    });
    expect(diff).toMatchObject({ changes: "some", replaces: [], diffs: ["apiKey", "endpoint"] });
    expect(JSON.stringify(diff)).not.toContain(CANARY_API_KEY);
    expect(await plugin.client.diffConfig(providerUrn, olds, olds)).toMatchObject({
      changes: "none",
      replaces: [],
      diffs: [],
    });
  });
});
