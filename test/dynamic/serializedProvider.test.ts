import * as path from "node:path";
import { CANARY_API_KEY, CapturedResource, createDeployment, Deployment } from "../../harness";

// Per test and hook: far above the time measured on a loaded machine (docs/testing.md).
jest.setTimeout(300_000);

const program = path.join(__dirname, "..", "programs", "two-of-each");
const inboundNumberType = "pulumi-nodejs:dynamic/aculab:InboundNumber";
const numberBlockType = "pulumi-nodejs:dynamic/aculab:NumberBlock";

/**
 * The `__provider` text the engine stores in every resource's state, as the capture (a plain
 * node process on dist/, no coverage instrumentation) sees the program register it.
 */
describe("the serialized provider in state", () => {
  let deployment: Deployment;
  let captured: CapturedResource[];
  beforeAll(async () => {
    deployment = await createDeployment(program);
    // Registration order is async: sort by name for stable assertions.
    captured = (await deployment.capture()).sort((a, b) => a.name.localeCompare(b.name));
  });
  afterAll(() => deployment.close());

  const providerOf = (resource: CapturedResource) => resource.inputs.__provider as string;

  it("registers each resource under its dynamic type token", () => {
    expect(captured.map((r) => [r.type, r.name])).toEqual([
      [numberBlockType, "sales"],
      [numberBlockType, "sales-madrid"],
      [inboundNumberType, "support"],
      [inboundNumberType, "support-canada"],
    ]);
  });

  it("is at most 4 KB per resource", () => {
    for (const resource of captured)
      expect(Buffer.byteLength(providerOf(resource), "utf8")).toBeLessThanOrEqual(4096);
  });

  it("is one text per resource type, whatever the inputs", () => {
    const byType = new Map<string, Set<string>>();
    for (const r of captured)
      byType.set(r.type, (byType.get(r.type) ?? new Set()).add(providerOf(r)));
    expect([...byType.values()].map((texts) => texts.size)).toEqual([1, 1]);
    const [sales, , support] = captured;
    expect(providerOf(support)).not.toEqual(providerOf(sales));
    expect(providerOf(support)).toContain('type: "InboundNumber"');
    expect(providerOf(sales)).toContain('type: "NumberBlock"');
  });

  it("requires the installed package by name and holds no implementation, credential or endpoint", () => {
    for (const resource of captured) {
      const text = providerOf(resource);
      expect(text).toContain('require("pulumi-aculab/dynamic-host").dynamicProviders[type]');
      for (const method of ["configure", "check", "diff", "create", "read", "update", "delete"]) {
        expect(text).toContain(`load().${method}(`);
      }
      for (const forbidden of [
        CANARY_API_KEY,
        deployment.simulator.url,
        "aculabcloud.net",
        "tel_purchase",
        "tel_delete_numbers",
        "axios",
        "zod",
        "NumberAccount",
      ]) {
        expect(text).not.toContain(forbidden);
      }
    }
  });

  it("is what the engine keeps in state after up, and state holds no credential or endpoint", async () => {
    const up = await deployment.up();
    expect(up.errors).toEqual([]);
    const state = [...deployment.engine.state.values()];
    expect(state).toHaveLength(4);
    for (const entry of state) {
      const registered = captured.find((r) => r.name === entry.name)!;
      expect(entry.inputs.__provider).toBe(providerOf(registered));
      expect(entry.outputs.__provider).toBe(providerOf(registered));
    }
    const everything = JSON.stringify(state);
    expect(everything).not.toContain(CANARY_API_KEY);
    expect(everything).not.toContain(deployment.simulator.url);
    expect(await deployment.destroy()).toMatchObject({ errors: [] });
    expect(deployment.simulator.ownedNumbers()).toEqual({});
  });
});
