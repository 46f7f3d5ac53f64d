import * as path from "node:path";
import { EngineEvent } from "@pulumi/pulumi/automation";
import { repositoryRoot } from "../../harness/workspace";
import {
  accountNumbers,
  aculabStepOps,
  CANARY_API_KEY,
  createEngineProject,
  EngineProject,
  numbersInState,
  requestsTo,
} from "./support/engineProject";

const BLOCK_URN =
  "urn:pulumi:dev::aculab-tollfree-block::pulumi-nodejs:dynamic/aculab:NumberBlock::sales";
// The simulator mints 901 numbers as 3490110 + a four-digit counter that only grows.
const spanish901 = (...counters: number[]) =>
  counters.map((counter) => `3490110${String(counter).padStart(4, "0")}`);

// examples/tollfree-block resized through stack config, as a user does it: `pulumi config set
// quantity N` then `pulumi up`. The engine must run each resize as an in-place update of the one
// block (never a replacement, which would release every number), buying or releasing only the
// difference, in one call.
describe("examples/tollfree-block resized through the real pulumi CLI", () => {
  let project: EngineProject;
  beforeAll(async () => {
    project = await createEngineProject({
      program: path.join(repositoryRoot, "examples", "tollfree-block"),
    });
  });
  afterAll(() => project?.close());

  it("up buys 3; quantity 5 buys the 2 extra in place; quantity 2 releases the 3 newest in place; destroy releases the rest", async () => {
    const { simulator, stack } = project;
    const events: EngineEvent[] = [];
    const onEvent = (event: EngineEvent) => events.push(event);

    // Unset config: the example's default of 3.
    const up = await stack.up({ onEvent });
    expect(up.summary.result).toBe("succeeded");
    expect(up.summary.resourceChanges).toEqual({ create: 2 });
    expect(requestsTo(simulator, "tel_purchase").map((r) => r.params)).toEqual([
      {
        country: "Spain",
        region: "901",
        did_type: "tollfree",
        quantity: "3",
        allow_landline: "True",
        allow_payphone: "True",
      },
    ]);
    const firstThree = spanish901(1, 2, 3);
    expect(accountNumbers(simulator)).toEqual(firstThree);
    expect(up.outputs.salesNumbers.value).toEqual(firstThree);
    expect(up.outputs.salesMonthlyPrice.value).toBe(45);
    expect(up.outputs.tollfreePrefixes.value).toEqual(["901"]);
    const [created] = await project.aculabResources();
    expect(created.urn).toBe(BLOCK_URN);
    expect(created.outputs.quantity).toBe(3);
    expect(numbersInState(await project.aculabResources())).toEqual(firstThree);
    const blockId = created.id;
    expect(blockId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

    // Grow: the plain CLI, as a user types it.
    expect((await project.pulumi(["config", "set", "quantity", "5", "--stack", "dev"])).code).toBe(
      0,
    );
    simulator.resetRequestLog();
    events.length = 0;
    const grow = await stack.up({ onEvent });
    expect(grow.summary.result).toBe("succeeded");
    expect(grow.summary.resourceChanges).toEqual({ update: 1, same: 1 });
    expect(aculabStepOps(events)).toEqual({ [BLOCK_URN]: ["update"] });
    expect(requestsTo(simulator, "tel_purchase").map((r) => r.params.quantity)).toEqual(["2"]);
    expect(requestsTo(simulator, "tel_delete_numbers")).toEqual([]);
    const five = spanish901(1, 2, 3, 4, 5);
    expect(accountNumbers(simulator)).toEqual(five);
    expect(grow.outputs.salesNumbers.value).toEqual(five); // in the order bought: growth appends
    expect(grow.outputs.salesMonthlyPrice.value).toBe(75);
    const [grown] = await project.aculabResources();
    expect(grown.id).toBe(blockId);
    expect(grown.outputs.quantity).toBe(5);
    expect(numbersInState([grown])).toEqual(accountNumbers(simulator));

    // Shrink: README says shrinking releases the newest numbers, in one tel_delete_numbers call.
    expect((await project.pulumi(["config", "set", "quantity", "2", "--stack", "dev"])).code).toBe(
      0,
    );
    simulator.resetRequestLog();
    events.length = 0;
    const shrink = await stack.up({ onEvent });
    expect(shrink.summary.result).toBe("succeeded");
    expect(shrink.summary.resourceChanges).toEqual({ update: 1, same: 1 });
    expect(aculabStepOps(events)).toEqual({ [BLOCK_URN]: ["update"] });
    expect(requestsTo(simulator, "tel_purchase")).toEqual([]);
    expect(requestsTo(simulator, "tel_delete_numbers").map((r) => r.params.numbers)).toEqual([
      spanish901(3, 4, 5).join(","),
    ]);
    const two = spanish901(1, 2);
    expect(accountNumbers(simulator)).toEqual(two);
    expect(shrink.outputs.salesNumbers.value).toEqual(two);
    expect(shrink.outputs.salesMonthlyPrice.value).toBe(30);
    const [shrunk] = await project.aculabResources();
    expect(shrunk.id).toBe(blockId);
    expect(shrunk.outputs.quantity).toBe(2);
    expect(numbersInState([shrunk])).toEqual(accountNumbers(simulator));

    // Nothing left to do, by the CLI's own check; and the key never reached state or output.
    const noChanges = await project.pulumi(["preview", "--expect-no-changes", "--non-interactive"]);
    expect(noChanges.code).toBe(0);
    expect(noChanges.stdout + noChanges.stderr).not.toContain(CANARY_API_KEY);
    expect(project.backendText()).not.toContain(CANARY_API_KEY);

    simulator.resetRequestLog();
    const destroy = await project.pulumi(["destroy", "--yes", "--non-interactive"]);
    expect(destroy.code).toBe(0);
    expect(destroy.stdout + destroy.stderr).not.toContain(CANARY_API_KEY);
    expect(requestsTo(simulator, "tel_delete_numbers").map((r) => r.params.numbers)).toEqual([
      two.join(","),
    ]);
    expect(requestsTo(simulator, "tel_purchase")).toEqual([]);
    expect(accountNumbers(simulator)).toEqual([]);
    expect(await project.aculabResources()).toEqual([]);
    expect(project.backendText()).not.toContain(CANARY_API_KEY);
  });
});
