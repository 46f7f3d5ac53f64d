import * as path from "node:path";
import { EngineEvent } from "@pulumi/pulumi/automation";
import {
  accountNumbers,
  ACULAB_TYPES,
  aculabStepOps,
  CANARY_API_KEY,
  createEngineProject,
  EngineProject,
  numbersInState,
  requestsTo,
} from "./support/engineProject";

/** The fields of a `pulumi preview --json` step this test reads. */
interface PreviewStep {
  op: string;
  urn: string;
  replaceReasons?: string[];
  oldState?: { type: string };
  newState?: { type: string };
}

const LINE_URN =
  "urn:pulumi:dev::aculab-relocate::pulumi-nodejs:dynamic/aculab:InboundNumber::line";

// Moving an InboundNumber to another region means another phone number. The engine must replace
// it create-before-delete, as README's Safety section promises: the new number is bought first,
// the old one released only once the new one is in state, and the account ends up paying for the
// new one only.
describe("an InboundNumber moved to another region, through the real pulumi CLI", () => {
  let project: EngineProject;
  beforeAll(async () => {
    project = await createEngineProject({ program: path.join(__dirname, "programs", "relocate") });
  });
  afterAll(() => project?.close());

  it("preview shows one replace and buys nothing; up buys the London number before releasing the Milton Keynes one", async () => {
    const { simulator, stack } = project;

    const up = await stack.up();
    expect(up.summary.resourceChanges).toEqual({ create: 2 });
    expect(accountNumbers(simulator)).toEqual(["441908538001"]);
    expect(up.outputs.lineNumber.value).toBe("441908538001");

    expect(
      (await project.pulumi(["config", "set", "region", "London", "--stack", "dev"])).code,
    ).toBe(0);

    // What a pull request's preview shows: the engine's own JSON.
    simulator.resetRequestLog();
    const preview = await project.pulumi(["preview", "--json", "--non-interactive"]);
    expect(preview.code).toBe(0);
    expect(preview.stdout + preview.stderr).not.toContain(CANARY_API_KEY);
    const plan = JSON.parse(preview.stdout) as { steps: PreviewStep[]; changeSummary: object };
    const steps = plan.steps.filter((step) =>
      ACULAB_TYPES.has(step.newState?.type ?? step.oldState?.type ?? ""),
    );
    expect(steps.map((step) => [step.op, step.urn, step.replaceReasons])).toEqual([
      ["replace", LINE_URN, ["region"]],
    ]);
    expect(plan.changeSummary).toEqual({ replace: 1, same: 1 });
    expect(requestsTo(simulator, "tel_purchase", "tel_delete_numbers")).toEqual([]);
    expect(accountNumbers(simulator)).toEqual(["441908538001"]);

    simulator.resetRequestLog();
    const events: EngineEvent[] = [];
    const move = await stack.up({ onEvent: (event) => events.push(event) });
    expect(move.summary.result).toBe("succeeded");
    expect(move.summary.resourceChanges).toEqual({ replace: 1, same: 1 });
    expect(aculabStepOps(events)).toEqual({
      [LINE_URN]: ["create-replacement", "replace", "delete-replaced"],
    });
    // Bought first, released last: the line never goes without a number.
    expect(
      requestsTo(simulator, "tel_purchase", "tel_delete_numbers").map((r) => [r.service, r.params]),
    ).toEqual([
      [
        "tel_purchase",
        { country: "United Kingdom", region: "London", did_type: "geographic", quantity: "1" },
      ],
      ["tel_delete_numbers", { numbers: "441908538001" }],
    ]);
    expect(accountNumbers(simulator)).toEqual(["442079460001"]);
    expect(move.outputs.lineNumber.value).toBe("442079460001");
    expect(move.outputs.lineRegion.value).toBe("London");
    const resources = await project.aculabResources();
    expect(resources.map((r) => [r.urn, r.id])).toEqual([[LINE_URN, "442079460001"]]);
    expect(numbersInState(resources)).toEqual(accountNumbers(simulator));

    simulator.resetRequestLog();
    const destroy = await stack.destroy();
    expect(destroy.summary.resourceChanges).toEqual({ delete: 2 });
    expect(requestsTo(simulator, "tel_delete_numbers").map((r) => r.params.numbers)).toEqual([
      "442079460001",
    ]);
    expect(accountNumbers(simulator)).toEqual([]);
    expect(project.backendText()).not.toContain(CANARY_API_KEY);
  });
});
