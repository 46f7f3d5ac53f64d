import * as path from "node:path";
import { EngineEvent } from "@pulumi/pulumi/automation";
import {
  accountNumbers,
  aculabStepOps,
  CANARY_API_KEY,
  createEngineProject,
  EngineProject,
  numbersInState,
  outsideClient,
  requestsTo,
} from "./support/engineProject";

const urnOf = (name: string) =>
  `urn:pulumi:dev::aculab-rename-adopter::pulumi-nodejs:dynamic/aculab:InboundNumber::${name}`;

// Renaming an InboundNumber that adopted a number is, to the engine, a new resource and a removed
// one: it creates the new name (adopting the same number) and then deletes the old name. That
// delete must not release the number the new name now holds (issue 11): the account keeps it,
// and state holds it once, under the new name. The same for `pulumi up --replace`.
describe("renaming an adopting InboundNumber, through the real pulumi CLI", () => {
  let project: EngineProject;
  beforeAll(async () => {
    project = await createEngineProject({
      program: path.join(__dirname, "programs", "rename-adopter"),
    });
  });
  afterAll(() => project?.close());

  const setConfig = async (key: string, value: string) =>
    expect((await project.pulumi(["config", "set", key, value, "--stack", "dev"])).code).toBe(0);

  it("up after a rename keeps the number owned and in state once, under the new name; so does --replace; destroy releases it once", async () => {
    const { simulator, stack } = project;
    const [number] = await outsideClient(simulator).purchaseNumbers({
      country: "United Kingdom",
      region: "Milton Keynes",
      quantity: 1,
    });
    await setConfig("adoptNumber", number);
    simulator.resetRequestLog();
    const adopt = await stack.up();
    expect(adopt.summary.resourceChanges).toEqual({ create: 2 });
    expect(requestsTo(simulator, "tel_purchase", "tel_delete_numbers")).toEqual([]);

    await setConfig("name", "help");
    simulator.resetRequestLog();
    const events: EngineEvent[] = [];
    const rename = await stack.up({ onEvent: (event) => events.push(event) });
    expect(rename.summary.result).toBe("succeeded");
    expect(rename.summary.resourceChanges).toEqual({ create: 1, delete: 1, same: 1 });
    expect(aculabStepOps(events)).toEqual({
      [urnOf("help")]: ["create"],
      [urnOf("support")]: ["delete"],
    });
    expect(requestsTo(simulator, "tel_purchase", "tel_delete_numbers")).toEqual([]);
    expect(accountNumbers(simulator)).toEqual([number]);
    let resources = await project.aculabResources();
    expect(resources.map((r) => [r.urn, r.id])).toEqual([[urnOf("help"), number]]);
    expect(numbersInState(resources)).toEqual([number]);
    expect(rename.outputs.lineNumber.value).toBe(number);
    // The provider says why the old name's delete released nothing.
    expect(rename.stdout).toContain(
      `aculab: number ${number} was not released: InboundNumber "help" adopted it in this deployment`,
    );

    simulator.resetRequestLog();
    const replaceEvents: EngineEvent[] = [];
    const replace = await stack.up({
      replace: [urnOf("help")],
      onEvent: (event) => replaceEvents.push(event),
    });
    expect(replace.summary.resourceChanges).toEqual({ replace: 1, same: 1 });
    expect(aculabStepOps(replaceEvents)).toEqual({
      [urnOf("help")]: ["create-replacement", "replace", "delete-replaced"],
    });
    expect(requestsTo(simulator, "tel_purchase", "tel_delete_numbers")).toEqual([]);
    expect(accountNumbers(simulator)).toEqual([number]);
    resources = await project.aculabResources();
    expect(resources.map((r) => [r.urn, r.id])).toEqual([[urnOf("help"), number]]);

    simulator.resetRequestLog();
    const destroy = await stack.destroy();
    expect(destroy.summary.resourceChanges).toEqual({ delete: 2 });
    expect(requestsTo(simulator, "tel_delete_numbers").map((r) => r.params.numbers)).toEqual([
      number,
    ]);
    expect(accountNumbers(simulator)).toEqual([]);
    expect(project.backendText()).not.toContain(CANARY_API_KEY);
  });
});
