import { resourceNames } from "../model";
import { silentLogger } from "../client";
import {
  AnyResourceLifecycle,
  defaultTuning,
  inboundNumberLifecycle,
  ProviderSession,
  resourceLifecycles,
  ResourcePartiallyCreatedError,
} from "../resources";
import { recordingLifecycle } from "../../test/support/recordingLifecycle";
import { eachResource } from "../../test/support/resourceInputs";
import { SimulatedAccount, simulatedAccountEachTest } from "../../test/support/simulatedAccount";
import { DynamicResourceProvider, dynamicProviders } from "./host";

const milton = { country: "United Kingdom", region: "Milton Keynes" };
const SERIALIZED = "exports.handler = ...";
const session = new ProviderSession(defaultTuning, silentLogger);

describe("the dynamic door's provider", () => {
  let sim: SimulatedAccount;
  simulatedAccountEachTest({}, (started) => (sim = started));

  it("serves every resource of the model, each through its own lifecycle", () => {
    expect(Object.keys(dynamicProviders)).toEqual(resourceNames);
  });

  it("ignores the serialized provider the dynamic door keeps among the inputs", async () => {
    const door = new DynamicResourceProvider(inboundNumberLifecycle, session, sim.context);
    const checked = await door.check({}, { ...milton, __provider: SERIALIZED });
    expect(checked).toEqual({ inputs: { ...milton, didType: "geographic" }, failures: [] });
  });

  it.each(eachResource)(
    "hands the %s lifecycle only its own properties, and the resource's name apart",
    async (type, inputs) => {
      const { lifecycle, calls } = recordingLifecycle(resourceLifecycles[type]);
      const door = new DynamicResourceProvider(lifecycle, session, sim.context);
      const keys = { __provider: SERIALIZED, __resourceName: "line" };
      const checked = await door.check({}, { ...inputs, ...keys });
      expect(checked).toEqual({
        inputs: { ...inputs, didType: "geographic", __resourceName: "line" },
        failures: [],
      });
      const news = { ...checked.inputs, __provider: SERIALIZED };
      const { id, outs } = await door.create(news);
      const state = { ...outs, __provider: SERIALIZED };
      expect(Object.keys(outs)).not.toContain("__provider");
      expect(Object.keys(outs)).not.toContain("__resourceName");
      await door.read(id, state);
      expect(await door.diff(id, state, news)).toEqual({
        changes: false,
        replaces: [],
        deleteBeforeReplace: false,
      });
      await door.update(id, state, news);
      await door.delete(id, state);
      // What the lifecycle was handed, the context aside.
      const handed = calls.map(([method, args]): [string, unknown[]] => [
        method,
        args.filter((a) => a !== sim.context),
      ]);
      expect(handed.map(([method]) => method)).toEqual([
        "check",
        "create",
        "read",
        "shown",
        "diff",
        "update",
        "delete",
      ]);
      expect(JSON.stringify(handed)).not.toContain("__provider");
      expect(JSON.stringify(handed)).not.toContain("__resourceName");
      const named = handed.filter(([method]) => ["create", "shown", "update"].includes(method));
      expect(named.map(([, args]) => args.at(-1))).toEqual(["line", "line", "line"]);
      expect(sim.simulator.ownedNumbers()).toEqual({});
    },
  );

  it.each(eachResource)(
    "keeps the serialized provider in a partially created %s's properties",
    async (type, inputs) => {
      const failing: AnyResourceLifecycle = {
        ...resourceLifecycles[type],
        create: async () => {
          throw new ResourcePartiallyCreatedError("bought, then failed", "id-1", { ...inputs });
        },
      };
      const door = new DynamicResourceProvider(failing, session, sim.context);
      const failure = await door.create({ ...inputs, __provider: SERIALIZED }).catch((e) => e);
      expect(failure).toBeInstanceOf(ResourcePartiallyCreatedError);
      expect(failure.properties).toEqual({ ...inputs, __provider: SERIALIZED });
    },
  );
});
