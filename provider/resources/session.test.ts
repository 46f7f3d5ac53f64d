import { CANARY_API_KEY } from "../../harness/deployment";
import { startSimulator } from "../../simulator";
import { RecordingLogger } from "../../test/support/recordingLogger";
import { defaultTuning } from "./account";
import { resolveProviderConfig } from "./config";
import { ProviderSession } from "./session";

describe("ProviderSession: the provider as an entry point wires it", () => {
  const configOf = (settings: Record<string, string>) =>
    resolveProviderConfig((key) => settings[key], {});
  const settings = {
    "aculab:cloudId": "1-2-0",
    "aculab:username": "bob@example.com",
    "aculab:apiKey": CANARY_API_KEY,
    "aculab:endpoint": "http://127.0.0.1:1",
  };

  it("holds one account per account and mode: every resource of a deployment shares it", () => {
    const session = new ProviderSession(defaultTuning, new RecordingLogger());
    const account = session.accountFor(configOf(settings));
    expect(session.accountFor(configOf(settings))).toBe(account);
    expect(session.accountFor(configOf({ ...settings, "aculab:development": "true" }))).not.toBe(
      account,
    );
    expect(session.accountFor(configOf({ ...settings, "aculab:apiKey": "another" }))).not.toBe(
      account,
    );
  });

  it("batches with the entry point's tuning, except aculab:listingWaitMs, which wins", () => {
    const tuning = { ...defaultTuning, batchWindowMs: 5_000, listingWaitMs: 1 };
    const session = new ProviderSession(tuning, new RecordingLogger());
    const tuningOf = (config: Record<string, string>) =>
      (session.accountFor(configOf(config)) as unknown as { tuning: typeof tuning }).tuning;
    expect(tuningOf(settings)).toEqual(tuning);
    expect(tuningOf({ ...settings, "aculab:listingWaitMs": "45000" })).toEqual({
      ...tuning,
      listingWaitMs: 45_000,
    });
  });

  it("its accounts' requests are told to the entry point's logger, without the key", async () => {
    const simulator = await startSimulator({ apiKey: CANARY_API_KEY });
    const logger = new RecordingLogger();
    try {
      const session = new ProviderSession(defaultTuning, logger);
      const config = configOf({
        "aculab:cloudId": simulator.credentials.cloudId,
        "aculab:username": simulator.credentials.username,
        "aculab:apiKey": simulator.credentials.apiKey,
        "aculab:endpoint": simulator.url,
      });
      await session.accountFor(config).client.listNumbers();
    } finally {
      await simulator.stop();
    }
    expect(logger.debugLines()).toEqual([
      expect.stringMatching(/^aculab: tel_list_numbers answered HTTP 200 in \d+ ms$/),
    ]);
    expect(JSON.stringify(logger.entries)).not.toContain(CANARY_API_KEY);
  });
});
