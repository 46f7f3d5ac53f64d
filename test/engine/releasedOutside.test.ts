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

const services = (project: EngineProject) =>
  [...new Set(project.simulator.requests().map((request) => request.service))].sort();
const listings = (project: EngineProject) =>
  project.simulator.requests().filter((request) => request.service === "tel_list_numbers").length;

// Numbers released outside Pulumi (here: the account owner's own AculabClient call). README:
// "A number released outside Pulumi makes an InboundNumber leave state and a NumberBlock drop that
// number (and record the smaller quantity), so the next `pulumi up` buys again." Refresh itself
// never buys or releases; afterwards state and account agree, and no number is left unmanaged.
describe("numbers released outside Pulumi, then refresh and up through the real pulumi CLI", () => {
  const projects: EngineProject[] = [];
  afterAll(() => Promise.all(projects.map((project) => project.close())));

  it("an InboundNumber released outside Pulumi leaves state on refresh; the next up buys a new number", async () => {
    const project = await createEngineProject({
      program: path.join(repositoryRoot, "examples", "quickstart"),
    });
    projects.push(project);
    const { simulator, stack } = project;

    const up = await stack.up();
    expect(up.summary.resourceChanges).toEqual({ create: 2 });
    expect(accountNumbers(simulator)).toEqual(["441908538001"]);

    await outsideClient(simulator).deleteNumbers({ numbers: ["441908538001"] });
    expect(accountNumbers(simulator)).toEqual([]);

    simulator.resetRequestLog();
    const refresh = await project.pulumi(["refresh", "--yes", "--non-interactive"]);
    expect(refresh.code).toBe(0);
    expect(refresh.stdout + refresh.stderr).not.toContain(CANARY_API_KEY);
    expect(refresh.stdout).toContain("1 deleted");
    // Gone only when two listings in a row lack it (README, Safety): a second listing confirmed it.
    // The preview's provider process made both; the update's read them (four before issue 22).
    expect(services(project)).toEqual(["tel_list_numbers"]);
    expect(listings(project)).toBe(2);
    expect(await project.aculabResources()).toEqual([]);
    expect(accountNumbers(simulator)).toEqual([]);

    simulator.resetRequestLog();
    const again = await stack.up();
    expect(again.summary.resourceChanges).toEqual({ create: 1, same: 1 });
    expect(requestsTo(simulator, "tel_purchase").map((r) => r.params)).toEqual([
      { country: "United Kingdom", region: "Milton Keynes", did_type: "geographic", quantity: "1" },
    ]);
    expect(requestsTo(simulator, "tel_delete_numbers")).toEqual([]);
    // The simulator never sells a released number again: this is the next one.
    expect(accountNumbers(simulator)).toEqual(["441908538002"]);
    expect(again.outputs.supportNumber.value).toBe("441908538002");
    expect(numbersInState(await project.aculabResources())).toEqual(accountNumbers(simulator));
    expect(project.backendText()).not.toContain(CANARY_API_KEY);

    const destroy = await stack.destroy();
    expect(destroy.summary.resourceChanges).toEqual({ delete: 2 });
    expect(accountNumbers(simulator)).toEqual([]);
  });

  it("a NumberBlock that lost a number outside Pulumi drops it on refresh; the next up buys one to restore its quantity", async () => {
    const project = await createEngineProject({
      program: path.join(repositoryRoot, "examples", "tollfree-block"),
    });
    projects.push(project);
    const { simulator, stack } = project;

    const up = await stack.up();
    expect(up.summary.resourceChanges).toEqual({ create: 2 });
    expect(accountNumbers(simulator)).toEqual(["34901100001", "34901100002", "34901100003"]);
    const [block] = await project.aculabResources();

    await outsideClient(simulator).deleteNumbers({ numbers: ["34901100002"] });

    simulator.resetRequestLog();
    const refresh = await stack.refresh();
    expect(refresh.summary.resourceChanges).toEqual({ update: 1, same: 1 });
    expect(services(project)).toEqual(["tel_list_numbers"]);
    expect(listings(project)).toBe(2);
    const [refreshed] = await project.aculabResources();
    expect(refreshed.id).toBe(block.id);
    expect(refreshed.outputs.numbers).toEqual(["34901100001", "34901100003"]);
    expect(refreshed.outputs.quantity).toBe(2);
    expect(refreshed.outputs.monthlyPrice).toBe(30);

    simulator.resetRequestLog();
    const again = await stack.up();
    expect(again.summary.resourceChanges).toEqual({ update: 1, same: 1 });
    expect(requestsTo(simulator, "tel_purchase").map((r) => r.params.quantity)).toEqual(["1"]);
    expect(requestsTo(simulator, "tel_delete_numbers")).toEqual([]);
    expect(again.outputs.salesNumbers.value).toEqual(["34901100001", "34901100003", "34901100004"]);
    const [restored] = await project.aculabResources();
    expect(restored.id).toBe(block.id);
    expect(restored.outputs.quantity).toBe(3);
    expect(numbersInState([restored])).toEqual(accountNumbers(simulator));

    const destroy = await stack.destroy();
    expect(destroy.summary.resourceChanges).toEqual({ delete: 2 });
    expect(accountNumbers(simulator)).toEqual([]);
  });
});
