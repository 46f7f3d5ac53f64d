import * as path from "node:path";
import {
  CANARY_API_KEY,
  captureProgram,
  createProgramWorkspace,
  dynamicHostEntry,
  ProgramWorkspace,
  RunningProvider,
  startConnectedProvider,
} from "../../harness";
import { RunningSimulator, startSimulator } from "../../simulator";

// Per test and hook: far above the time measured on a loaded machine (docs/testing.md).
jest.setTimeout(300_000);

const quickstart = path.join(__dirname, "..", "..", "examples", "quickstart");

describe("a dynamic-provider host that is never sent Configure", () => {
  let simulator: RunningSimulator;
  let workspace: ProgramWorkspace;
  let host: RunningProvider;

  beforeAll(async () => {
    simulator = await startSimulator({ apiKey: CANARY_API_KEY });
    workspace = createProgramWorkspace(quickstart);
  });
  afterAll(async () => {
    await host?.stop();
    await simulator.stop();
    workspace.remove();
  });

  it("takes its settings from the ACULAB_* environment variables", async () => {
    const env = {
      ...process.env,
      ACULAB_CLOUD_ID: simulator.credentials.cloudId,
      ACULAB_USERNAME: simulator.credentials.username,
      ACULAB_API_KEY: simulator.credentials.apiKey,
      ACULAB_ENDPOINT: simulator.url,
    };
    const [support] = await captureProgram(workspace.programDir, {}, env);
    // No Configure is sent: only the environment holds the settings.
    host = await startConnectedProvider(
      process.execPath,
      [dynamicHostEntry(workspace.programDir), "127.0.0.1:0"],
      { cwd: workspace.programDir, env },
    );
    const { client } = host;
    const urn =
      "urn:pulumi:dev::aculab-quickstart::pulumi-nodejs:dynamic/aculab:InboundNumber::support";
    const checked = await client.check(urn, {}, support.inputs);
    expect(checked.failures).toEqual([]);
    const created = await client.create(urn, checked.inputs);
    expect(created.id).toBe("441908538001");
    expect(created.properties).toMatchObject({ number: "441908538001", monthlyPrice: 3 });
    expect(Object.keys(simulator.ownedNumbers())).toEqual(["441908538001"]);
    expect(host.process.stderr()).not.toContain(CANARY_API_KEY);
  });
});
