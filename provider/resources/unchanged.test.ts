import { inboundNumberLifecycle } from "./inboundNumber";
import { numberBlockLifecycle } from "./numberBlock";
import { SimulatedAccount, simulatedAccountEachTest } from "../../test/support/simulatedAccount";

const milton = { country: "United Kingdom", region: "Milton Keynes", didType: "geographic" };

// Check asks Aculab nothing for a resource whose inputs equal the recorded ones (issue 14: an
// unchanged preview or up made one dry run per location, one after another under the engine).
describe("check of inputs equal to the recorded ones", () => {
  let sim: SimulatedAccount;
  simulatedAccountEachTest({}, (started) => (sim = started));

  it("an InboundNumber: no request, the inputs as given, no failure", async () => {
    const recorded = { ...milton, __resourceName: "line", __provider: "serialized" };
    const checked = await inboundNumberLifecycle.check(sim.context, { ...milton }, recorded);
    expect(checked).toEqual({ inputs: milton, failures: [] });
    expect(sim.calls()).toEqual([]);
  });

  it("a NumberBlock: no request; a changed quantity still dry-runs once", async () => {
    const block = { ...milton, quantity: 3 };
    expect(await numberBlockLifecycle.check(sim.context, { ...block }, { ...block })).toEqual({
      inputs: block,
      failures: [],
    });
    expect(sim.calls()).toEqual([]);
    await numberBlockLifecycle.check(sim.context, { ...block, quantity: 4 }, { ...block });
    expect(sim.calls().map(([service]) => service)).toEqual(["tel_purchase_development"]);
  });

  it("a new resource (no olds) or a changed region dry-runs as before", async () => {
    await inboundNumberLifecycle.check(sim.context, { ...milton }, {});
    expect(sim.calls().map(([service, params]) => [service, params.region])).toEqual([
      ["tel_purchase_development", "Milton Keynes"],
    ]);
    sim.nextCommand();
    sim.simulator.resetRequestLog();
    await inboundNumberLifecycle.check(sim.context, { ...milton, region: "London" }, { ...milton });
    expect(sim.calls().map(([service, params]) => [service, params.region])).toEqual([
      ["tel_purchase_development", "London"],
    ]);
  });

  it("an adopted number: no ownership lookup while its inputs are unchanged", async () => {
    const adopted = { ...milton, number: "441908000000" };
    const checked = await inboundNumberLifecycle.check(sim.context, { ...adopted }, adopted);
    expect(checked.failures).toEqual([]);
    expect(sim.calls()).toEqual([]);
  });
});
