import * as path from "node:path";
import { repositoryRoot } from "../../harness/workspace";
import {
  accountNumbers,
  CANARY_API_KEY,
  createEngineProject,
  EngineProject,
  numbersInState,
  outsideClient,
  requestsTo,
} from "./support/engineProject";

const HELPDESK_URN =
  "urn:pulumi:dev::aculab-adopt-existing::pulumi-nodejs:dynamic/aculab:InboundNumber::helpdesk";

// examples/adopt-existing: a number the account bought before Pulumi managed it comes under
// management by naming it. Nothing is bought, the next preview has nothing to do, and the
// example's `protect: true` makes the engine refuse `pulumi destroy` with the number untouched.
describe("examples/adopt-existing through the real pulumi CLI", () => {
  let project: EngineProject;
  beforeAll(async () => {
    project = await createEngineProject({
      program: path.join(repositoryRoot, "examples", "adopt-existing"),
    });
  });
  afterAll(() => project?.close());

  it("up adopts the owned number without buying; preview has no changes; destroy is refused by protect and releases nothing", async () => {
    const { simulator, stack } = project;

    // Bought before Pulumi, by the account owner's own script.
    const [existing] = await outsideClient(simulator).purchaseNumbers({
      country: "United Kingdom",
      region: "Milton Keynes",
    });
    expect(existing).toBe("441908538001");
    const owned = simulator.ownedNumbers()[existing];

    expect(
      (await project.pulumi(["config", "set", "existingNumber", existing, "--stack", "dev"])).code,
    ).toBe(0);
    simulator.resetRequestLog();
    const up = await project.pulumi(["up", "--yes", "--non-interactive"]);
    expect(up.code).toBe(0);
    expect(up.stdout).toContain("2 created");
    expect(up.stdout + up.stderr).not.toContain(CANARY_API_KEY);
    expect(requestsTo(simulator, "tel_purchase", "tel_delete_numbers")).toEqual([]);
    expect(accountNumbers(simulator)).toEqual([existing]);
    const outputs = await stack.outputs();
    expect(outputs.helpdeskNumber.value).toBe(existing);
    expect(outputs.helpdeskPurchased.value).toBe(owned.purchased);
    const resources = await project.aculabResources();
    expect(resources.map((r) => [r.urn, r.id])).toEqual([[HELPDESK_URN, existing]]);
    expect(resources[0].outputs.monthlyPrice).toBe(3);
    expect(numbersInState(resources)).toEqual(accountNumbers(simulator));
    const state = await project.exportStack();
    const helpdesk = (state.deployment.resources as Array<{ urn: string; protect?: boolean }>).find(
      (resource) => resource.urn === HELPDESK_URN,
    );
    expect(helpdesk?.protect).toBe(true);

    simulator.resetRequestLog();
    const noChanges = await project.pulumi(["preview", "--expect-no-changes", "--non-interactive"]);
    expect(noChanges.code).toBe(0);
    expect(requestsTo(simulator, "tel_purchase", "tel_delete_numbers")).toEqual([]);

    simulator.resetRequestLog();
    const destroy = await project.pulumi(["destroy", "--yes", "--non-interactive"]);
    expect(destroy.code).toBe(1);
    const output = destroy.stdout + destroy.stderr;
    // The engine refuses in destroy's preview phase: Aculab hears nothing at all.
    expect(output).toContain(
      [
        `  pulumi-nodejs:dynamic/aculab:InboundNumber (helpdesk):`,
        `    error: Preview failed: resource "${HELPDESK_URN}" cannot be deleted`,
        "    because it is protected. To unprotect the resource, either remove the `protect` flag " +
          "from the resource in your Pulumi program and run `pulumi up`, or use the command:",
        `    \`pulumi state unprotect '${HELPDESK_URN}'\``,
      ].join("\n"),
    );
    expect(output).not.toContain(CANARY_API_KEY);
    expect(simulator.requests().map((r) => r.service)).toEqual([]);
    expect(accountNumbers(simulator)).toEqual([existing]);
    expect(numbersInState(await project.aculabResources())).toEqual([existing]);

    // Once unprotected on purpose, the adopted number is released like any other (README:
    // "Either way `pulumi destroy` then releases it").
    const unprotect = await project.pulumi(["state", "unprotect", HELPDESK_URN, "--yes"]);
    expect(unprotect.code).toBe(0);
    const released = await stack.destroy();
    expect(released.summary.resourceChanges).toEqual({ delete: 2 });
    expect(requestsTo(simulator, "tel_delete_numbers").map((r) => r.params.numbers)).toEqual([
      existing,
    ]);
    expect(accountNumbers(simulator)).toEqual([]);
    expect(project.backendText()).not.toContain(CANARY_API_KEY);
  });
});
