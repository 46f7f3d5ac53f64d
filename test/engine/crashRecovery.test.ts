import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { adoptPendingCreates, auditState } from "./support/audit";
import {
  accountNumbers,
  createEngineProject,
  EngineProject,
  killProcessGroup,
  spawnPulumiGroup,
  waitFor,
} from "./support/engineProject";

const program = path.join(__dirname, "programs", "lines");
const COUNT = 10;

/** Every live process whose command line names the project folder: none may outlive the kill. */
function processesOf(dir: string): string[] {
  const run = spawnSync("ps", ["-eo", "pid=,stat=,args="], { encoding: "utf8" });
  return run.stdout.split("\n").filter((line) => line.includes(dir) && !/^\s*\d+\s+Z/.test(line));
}

// The CLI, its language host, the program and the provider host are SIGKILLed together while
// Aculab has committed purchases whose answers the provider has not turned into state yet; then the
// recovery docs/recovery.md gives, step by step, with what each step does to state and account.
describe("pulumi up killed after Aculab committed a purchase, then the documented recovery", () => {
  let project: EngineProject;
  beforeAll(async () => {
    project = await createEngineProject({
      program,
      // Every answer takes 2 s: after tel_purchase commits, the provider still waits for the
      // listing that prices the numbers, so nothing bought is in state when the kill lands.
      simulator: { faults: { latencyMs: 2000 } },
      config: { "engine-lines:count": String(COUNT), "engine-lines:locations": "2" },
    });
  });
  afterAll(() => project?.close());

  it("leaves every bought number in pending_operations only; stack export | edit | import and a refresh record them and the next up buys only the rest", async () => {
    const { simulator } = project;
    const UP = ["up", "--yes", "--non-interactive", "--skip-preview"];

    // 1. The crash.
    const child = spawnPulumiGroup(project, UP);
    const exited = new Promise<string>((resolve) =>
      child.on("close", (code, signal) => resolve(`${code} ${signal}`)),
    );
    await waitFor("Aculab to commit a purchase", () => accountNumbers(simulator).length > 0);
    const killedAt = Date.now();
    await killProcessGroup(child.pid!);
    expect(await exited).toBe("null SIGKILL");
    // The program runs under the language host but may sit outside its process group: it exits
    // once it finds the engine gone, a moment after the kill (a CI run once saw it still there).
    await waitFor("the program to exit", () => processesOf(project.dir).length === 0, 30_000);
    expect(processesOf(project.dir)).toEqual([]);
    // Purchases already sent are carried out by Aculab even though their client is gone.
    await simulator.idle();
    console.log(`[engine] crash: killed ${Date.now() - killedAt} ms after the first commit`);
    const bought = accountNumbers(simulator);
    const purchasesBeforeRecovery = simulator.callCounts().tel_purchase;

    // 2. What `pulumi stack export` shows: no resource, one pending create per interrupted
    // InboundNumber; every number bought is an orphan, recorded nowhere but Aculab's account.
    const crashed = auditState(await project.exportStack(), simulator);
    console.log(
      `[engine] crash: ${bought.length} bought, ${crashed.pending.length} pending creates`,
    );
    expect(crashed.recorded).toEqual([]);
    expect(crashed.orphans).toEqual(bought);
    expect(crashed.pending.length).toBeGreaterThanOrEqual(1);
    expect(crashed.pending.length).toBeLessThanOrEqual(COUNT);
    expect(crashed.pending.every((op) => op.startsWith("creating urn:"))).toBe(true);
    expect(bought.length).toBeLessThanOrEqual(crashed.pending.length);

    // 3. The killed CLI left its lock: every command fails until `pulumi cancel` removes it.
    const locked = await project.pulumi(["refresh", "--yes", "--non-interactive"]);
    expect(locked.code).not.toBe(0);
    expect(locked.stderr).toContain("the stack is currently locked by 1 lock(s)");
    const cancel = await project.pulumi(["cancel", "--yes", "--non-interactive"]);
    expect(cancel.code).toBe(0);
    expect(cancel.stdout).toContain("The currently running update for 'dev' has been canceled!");

    // 4. A non-interactive `pulumi refresh` neither records nor clears pending creates.
    simulator.resetRequestLog();
    const plainRefresh = await project.pulumi([
      "refresh",
      "--yes",
      "--non-interactive",
      "--skip-preview",
    ]);
    expect(plainRefresh.code).toBe(0);
    expect(auditState(await project.exportStack(), simulator)).toEqual(crashed);

    // 5. The recovery: `pulumi stack export`, move each pending create into resources with an
    // orphan number at its location as id and `number`, drop the pending creates left without a
    // number, `pulumi stack import`, then `pulumi refresh` to read each number's details.
    const { deployment: edited, adopted } = adoptPendingCreates(
      await project.exportStack(),
      simulator,
    );
    expect(Object.values(adopted).sort()).toEqual(bought);
    const file = path.join(project.dir, "..", "edited-state.json");
    fs.writeFileSync(file, JSON.stringify(edited));
    const stackImport = await project.pulumi([
      "stack",
      "import",
      "--file",
      file,
      "--non-interactive",
    ]);
    expect(stackImport.code).toBe(0);
    fs.rmSync(file);
    const recover = await project.pulumi([
      "refresh",
      "--yes",
      "--non-interactive",
      "--skip-preview",
    ]);
    expect(recover.code).toBe(0);
    const recovered = auditState(await project.exportStack(), simulator);
    expect(recovered).toEqual({
      orphans: [],
      recordedTwice: [],
      notOwned: [],
      recorded: bought,
      partial: [],
      pending: [],
    });
    expect(simulator.callCounts().tel_purchase ?? 0).toBe(0);
    expect(simulator.callCounts().tel_delete_numbers ?? 0).toBe(0);
    for (const resource of await project.aculabResources()) {
      expect(resource.id).toBe(adopted[resource.urn]);
      const owned = simulator.ownedNumbers()[resource.outputs.number as string];
      expect(resource.outputs).toMatchObject({
        country: owned.country,
        region: owned.region,
        didType: "geographic",
        monthlyPrice: Number(owned.price),
        purchased: owned.purchased,
      });
    }

    // 6. `pulumi up` buys only for the resources that have no number yet.
    simulator.resetRequestLog();
    const up = await project.pulumi(UP);
    expect(up.code).toBe(0);
    const final = auditState(await project.exportStack(), simulator);
    expect(accountNumbers(simulator)).toHaveLength(COUNT);
    expect(final).toEqual({
      orphans: [],
      recordedTwice: [],
      notOwned: [],
      recorded: accountNumbers(simulator),
      partial: [],
      pending: [],
    });
    expect(final.recorded).toEqual(expect.arrayContaining(bought));
    const purchases = simulator.requests().filter((r) => r.service === "tel_purchase");
    const quantities = purchases.map((r) => Number(r.params.quantity));
    expect(quantities.reduce((a, b) => a + b, 0)).toBe(COUNT - bought.length);
    console.log(
      `[engine] crash: ${purchasesBeforeRecovery} tel_purchase calls before the kill, ${purchases.length} after recovery`,
    );

    const noChanges = await project.pulumi(["preview", "--expect-no-changes", "--non-interactive"]);
    expect(noChanges.code).toBe(0);
  });
});
