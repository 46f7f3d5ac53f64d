import { createDeployment, Deployment } from "../../harness";
import { auditFleet, fleetEnv, fleetProgram, recordedNumbers } from "./fleetAudit";
import { InterceptingProxy, startInterceptingProxy } from "./interceptingProxy";

// Per test and hook: far above the time measured on a loaded machine (docs/testing.md).
jest.setTimeout(300_000);

/**
 * Releases happen only when asked and are idempotent, through the dynamic-provider host. A proxy
 * in front of the simulator plays an Aculab that keeps one number (PARTIAL with a reason).
 */
describe("releasing numbers", () => {
  let deployment: Deployment;
  let proxy: InterceptingProxy;
  /** A number Aculab refuses to release while set. */
  let locked: string | undefined;

  beforeEach(async () => {
    deployment = await createDeployment(fleetProgram, { simulator: { stockPerRegion: 999 } });
    proxy = await startInterceptingProxy(
      deployment.simulator.url,
      async (service, body, forward) => {
        const asked = body.get("numbers")?.split(",") ?? [];
        if (service !== "tel_delete_numbers" || locked === undefined || !asked.includes(locked))
          return forward(body);
        const others = asked.filter((n) => n !== locked);
        if (others.length > 0) await forward(new URLSearchParams({ numbers: others.join(",") }));
        const reason = {
          description: `Telephone number ${locked} is in use by an inbound service`,
          code: "0310",
        };
        return {
          status: 200,
          body: JSON.stringify({
            status: others.length > 0 ? "PARTIAL" : "FAIL",
            numbers: { [locked]: reason },
          }),
        };
      },
    );
    // Every later command of this deployment reaches Aculab through the proxy.
    deployment.config["aculab:endpoint"] = proxy.url;
    locked = undefined;
  });
  afterEach(async () => {
    await proxy.stop();
    await deployment.close();
  });

  it("PARTIAL names each number kept and why, state keeps it, and running destroy again finishes", async () => {
    const shape = fleetEnv({ FLEET_SIZE: 2, LOCATIONS: 1, BLOCKS: 1, BLOCK_QUANTITY: 3 });
    expect((await deployment.up(shape)).errors).toEqual([]);
    const block = [...deployment.engine.state.values()].find((e) => e.name === "block-0")!;
    locked = (block.outputs.numbers as string[])[1];
    const others = (block.outputs.numbers as string[]).filter((n) => n !== locked);

    const first = await deployment.destroy();
    expect(first.errors.map((e) => [e.name, e.error])).toEqual([
      [
        "block-0",
        `Aculab tel_delete_numbers did not release 1 of 3 number(s): ${locked}: [0310] Telephone number ${locked} ` +
          `is in use by an inbound service. They are still owned and still in state (released: ${others.join(", ")}); ` +
          `fix the cause and run the same command again (releasing is safe to repeat).`,
      ],
    ]);
    expect(Object.keys(deployment.simulator.ownedNumbers())).toEqual([locked]);
    expect(auditFleet(deployment).orphans).toEqual([]);

    locked = undefined;
    expect((await deployment.destroy()).errors).toEqual([]);
    expect(deployment.engine.state.size).toBe(0);
    expect(deployment.simulator.ownedNumbers()).toEqual({});
  });

  it("a shrink that Aculab half refuses records exactly the numbers still owned, quantity included", async () => {
    const shape = { FLEET_SIZE: 0, LOCATIONS: 1, BLOCKS: 1, BLOCK_QUANTITY: 3 };
    expect((await deployment.up(fleetEnv(shape))).errors).toEqual([]);
    const entry = () => [...deployment.engine.state.values()].find((e) => e.name === "block-0")!;
    const [first, second, third] = entry().outputs.numbers as string[];
    locked = third;

    const shrink = await deployment.up(fleetEnv({ ...shape, BLOCK_QUANTITY: 1 }));
    // State holds the kept number and the refused one, and its quantity says 2.
    expect(entry().outputs).toMatchObject({ numbers: [first, third], quantity: 2 });
    expect(shrink.errors.map((e) => [e.name, e.error])).toEqual([
      [
        "block-0",
        `Aculab tel_delete_numbers did not release 1 of 2 number(s): ${third}: [0310] Telephone number ${third} ` +
          `is in use by an inbound service. They are still owned and still in state (released: ${second}); ` +
          `fix the cause and run the same command again (releasing is safe to repeat).`,
      ],
    ]);
    expect(Object.keys(deployment.simulator.ownedNumbers()).sort()).toEqual([first, third].sort());
    expect(auditFleet(deployment).orphans).toEqual([]);

    locked = undefined;
    expect((await deployment.up(fleetEnv({ ...shape, BLOCK_QUANTITY: 1 }))).errors).toEqual([]);
    expect(entry().outputs).toMatchObject({ numbers: [first], quantity: 1 });
    expect(Object.keys(deployment.simulator.ownedNumbers())).toEqual([first]);
  });

  it("a number already released outside Pulumi (0300) counts as released: destroy without refresh succeeds", async () => {
    expect(
      (await deployment.up(fleetEnv({ FLEET_SIZE: 3, LOCATIONS: 3, BLOCKS: 1, BLOCK_QUANTITY: 2 })))
        .errors,
    ).toEqual([]);
    const gone = recordedNumbers(deployment.engine)
      .map((r) => r.number)
      .slice(0, 2);
    const release = await fetch(`${deployment.simulator.url}/tel_delete_numbers`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${deployment.simulator.credentials.cloudId}/${deployment.simulator.credentials.username}:${deployment.simulator.credentials.apiKey}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ numbers: gone.join(",") }).toString(),
    });
    expect(await release.json()).toEqual({ status: "OK" });

    const destroy = await deployment.destroy();
    expect(destroy.errors).toEqual([]);
    expect(deployment.engine.state.size).toBe(0);
    expect(deployment.simulator.ownedNumbers()).toEqual({});
  });
});
