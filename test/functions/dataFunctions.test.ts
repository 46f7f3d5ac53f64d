import * as path from "node:path";
import {
  CANARY_API_KEY,
  captureProgramWithOutputs,
  createDeployment,
  Deployment,
} from "../../harness";
import { clientFor } from "../support/simulatedAccount";

// Per test and hook: far above the time measured on a loaded machine (docs/testing.md).
jest.setTimeout(300_000);

// Data functions run in the program's process (dynamic providers cannot serve invoke). So the test
// runs a real program, test/programs/functions, in its own process under Pulumi's mocks, with the
// stack config as `pulumi up` would pass it (PULUMI_CONFIG), and reads what it exports: the promise
// forms and the Output forms, resolved by the Pulumi runtime, against the simulator.
const program = path.join(__dirname, "..", "programs", "functions");
const clock = () => new Date("2025-03-14T12:00:00Z");

const canadianStates = [
  "British Columbia",
  "Newfoundland And Labrador",
  "Saskatchewan",
  "Prince Edward Island",
  "Ontario",
  "Nova Scotia",
  "Quebec",
  "Alberta",
  "Manitoba",
  "New Brunswick",
];
const addresses = { "My french place": { country: "France", region: "Avignon" } };
const listed = (number: string, country: string, region: string, monthlyPrice: number) => ({
  number,
  country,
  region,
  didType: "geographic",
  monthlyPrice,
  purchased: "2025-03-14",
});

describe("data functions called from a program", () => {
  let deployment: Deployment;
  beforeAll(async () => {
    deployment = await createDeployment(program, { simulator: { now: clock } });
    const client = clientFor(deployment.simulator);
    await client.purchaseNumbers({
      country: "United Kingdom",
      region: "Milton Keynes",
      quantity: 2,
    });
    await client.purchaseNumbers({ country: "Spain", region: "Madrid", quantity: 1 });
  });
  afterAll(() => deployment.close());
  beforeEach(() => deployment.simulator.resetRequestLog());

  const run = (env: NodeJS.ProcessEnv = {}) =>
    captureProgramWithOutputs(deployment.workspace.programDir, deployment.config, env);

  it("answers every function, in both forms, from one request each", async () => {
    const { outputs } = await run();
    const ukNumbers = [
      listed("441908538001", "United Kingdom", "Milton Keynes", 3),
      listed("441908538002", "United Kingdom", "Milton Keynes", 3),
    ];
    const spanishNumbers = [listed("34911100001", "Spain", "Madrid", 4)];
    expect(outputs).toEqual({
      countries: {
        countries: ["Canada", "Spain", "United Kingdom", "Germany", "France", "United States"],
      },
      tollfreeCountries: { countries: ["Canada", "Spain", "United Kingdom", "United States"] },
      states: { states: canadianStates },
      regions: { regions: ["Oakbank", "Winnipeg"] },
      addresses: { addresses },
      numbers: { numbers: ukNumbers },
      // Sorted by number, whatever order Aculab lists them in.
      allNumbers: { numbers: [...spanishNumbers, ...ukNumbers] },
      countriesOutput: { countries: ["United Kingdom"] },
      statesOutput: { states: canadianStates },
      regionsOutput: { regions: ["855", "888", "866", "877"] },
      addressesOutput: { addresses },
      numbersOutput: { numbers: spanishNumbers },
    });
    const requests = deployment.simulator
      .requests()
      .map((r) => [r.service, r.params, r.authorizedUser]);
    const user = `${deployment.simulator.credentials.cloudId}/${deployment.simulator.credentials.username}`;
    const byService = (a: unknown[], b: unknown[]) =>
      JSON.stringify(a).localeCompare(JSON.stringify(b));
    expect(requests.sort(byService)).toEqual(
      [
        ["tel_get_supported_countries", {}, user],
        ["tel_get_supported_countries", { did_type: "tollfree" }, user],
        ["tel_get_supported_states", { country: "Canada" }, user],
        ["tel_get_supported_regions", { country: "Canada", state: "Manitoba" }, user],
        ["tel_list_regulation_addresses", {}, user],
        ["tel_list_numbers", { country: "United Kingdom" }, user],
        ["tel_list_numbers", {}, user],
        ["tel_get_supported_countries", { did_type: "mobile" }, user],
        ["tel_get_supported_states", { country: "Canada" }, user],
        ["tel_get_supported_regions", { country: "Canada", did_type: "tollfree" }, user],
        ["tel_list_regulation_addresses", {}, user],
        ["tel_list_numbers", { country: "Spain" }, user],
      ].sort(byService),
    );
  });

  it("fails the program with Aculab's reason for an unknown country", async () => {
    await expect(run({ FUNCTIONS_CASE: "unknown-country" })).rejects.toThrow(
      "Aculab tel_get_supported_states failed (HTTP 400): [0002] Country 'Atlantis' is not supported.",
    );
  });

  it("checks arguments before asking Aculab, naming the argument", async () => {
    const failure = run({ FUNCTIONS_CASE: "bad-argument" });
    await expect(failure).rejects.toThrow(
      "getSupportedRegions: invalid arguments: didType: Invalid enum value. Expected 'geographic' | 'national' | 'mobile' | 'tollfree', received 'landline'",
    );
    expect(deployment.simulator.requests()).toEqual([]);
  });

  it("names the missing setting when the program has no credentials", async () => {
    const failure = captureProgramWithOutputs(
      deployment.workspace.programDir,
      {},
      { ACULAB_API_KEY: "", ACULAB_CLOUD_ID: "", ACULAB_USERNAME: "" },
    );
    await expect(failure).rejects.toThrow(
      "Aculab is not configured: set aculab:cloudId (pulumi config set aculab:cloudId <value>) or the ACULAB_CLOUD_ID environment variable; " +
        "and aculab:username (pulumi config set aculab:username <value>) or the ACULAB_USERNAME environment variable; " +
        "and aculab:apiKey (pulumi config set aculab:apiKey --secret) or the ACULAB_API_KEY environment variable.",
    );
    const error = await failure.catch((e: Error) => e.message);
    expect(error).not.toContain(CANARY_API_KEY);
  });
});
