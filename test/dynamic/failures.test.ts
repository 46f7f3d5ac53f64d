import * as path from "node:path";
import { CANARY_API_KEY, createDeployment, Deployment } from "../../harness";

// Per test and hook: far above the time measured on a loaded machine (docs/testing.md).
jest.setTimeout(300_000);

const program = path.join(__dirname, "..", "programs", "lifecycle");

/** Every error of a command, by resource name. */
const errorsOf = (result: { errors: Array<{ name: string; error?: string }> }) =>
  Object.fromEntries(result.errors.map((s) => [s.name, s.error]));

describe("failures a user sees through Pulumi's dynamic-provider host", () => {
  let deployment: Deployment | undefined;
  afterEach(async () => {
    await deployment?.close();
    deployment = undefined;
  });

  it("stops bad inputs at check, naming the property and the fix, before any purchase", async () => {
    deployment = await createDeployment(program);
    const up = await deployment.up({ SUPPORT_REGION: "Milton Keyns", SALES_QUANTITY: "0" });
    expect(errorsOf(up)).toEqual({
      sales:
        "quantity: quantity must be at least 1; to release every number, delete the NumberBlock",
      support:
        'region: "Milton Keyns" is not a supported geographic region of United Kingdom: did you mean "Milton Keynes", "London"? ' +
        "getSupportedRegions lists them all (Aculab says [0002] Region 'Milton Keyns' is not available in United Kingdom for geographic numbers)",
    });
    expect(deployment.simulator.requests().map((r) => r.service)).toEqual([
      "tel_purchase_development",
      "tel_get_supported_regions",
    ]);
    expect(deployment.simulator.ownedNumbers()).toEqual({});
    expect(deployment.engine.state.size).toBe(0);
  });

  it("says a wrong API key is wrong without ever showing it", async () => {
    const wrongKey = "wrong-key-3b1e8c0d-do-not-print";
    deployment = await createDeployment(program, { config: { "aculab:apiKey": wrongKey } });
    const up = await deployment.up();
    const expected =
      "Aculab tel_purchase_development failed (HTTP 401): [0401] Authentication failed: use '1-2-0/bob@example.com' " +
      "as the user name and the account's API access key as the password (check aculab:cloudId, aculab:username and aculab:apiKey).";
    expect(errorsOf(up)).toEqual({ sales: expected, support: expected });
    const everything = JSON.stringify({ up, logs: deployment.hostLogs });
    expect(everything).not.toContain(wrongKey);
    expect(everything).not.toContain(CANARY_API_KEY);
    expect(deployment.simulator.requests().map((r) => [r.service, r.authorizedUser])).toEqual([
      ["tel_purchase_development", null],
      ["tel_purchase_development", null],
    ]);
    expect(deployment.simulator.ownedNumbers()).toEqual({});
  });

  it("names the config key and the environment variable of a missing setting", async () => {
    deployment = await createDeployment(program, {
      config: { "aculab:apiKey": "" },
      env: { ACULAB_API_KEY: "" },
    });
    const up = await deployment.up();
    const expected =
      "Aculab is not configured: set aculab:apiKey (pulumi config set aculab:apiKey --secret) or the ACULAB_API_KEY environment variable.";
    expect(errorsOf(up)).toEqual({ sales: expected, support: expected });
    expect(deployment.simulator.requests()).toEqual([]);
  });

  it("takes the API key from ACULAB_API_KEY when the stack config has none", async () => {
    deployment = await createDeployment(program, {
      config: { "aculab:apiKey": "" },
      env: { ACULAB_API_KEY: CANARY_API_KEY },
    });
    const up = await deployment.up();
    expect(up.errors).toEqual([]);
    expect(Object.keys(deployment.simulator.ownedNumbers())).toHaveLength(4);
    expect(await deployment.destroy()).toMatchObject({ errors: [] });
  });
});
