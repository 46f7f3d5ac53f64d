import { LocalEngine } from "../../harness/engine";
import type { ProviderClient } from "../../harness/providerClient";

type Props = Record<string, unknown>;

/**
 * A provider that replaces on any change of `region`, numbers its resources `n1`, `n2`, ... and
 * fails the deletes the test asks it to, recording every delete and read it was sent.
 */
function fakeProvider() {
  let next = 0;
  const calls: string[] = [];
  const failingDeletes = new Set<string>();
  const provider = {
    check: async (_urn: string, _olds: Props, news: Props) => ({ inputs: news, failures: [] }),
    diff: async (_urn: string, _id: string, olds: Props, news: Props) =>
      olds.region === news.region
        ? { changes: "none", replaces: [] }
        : { changes: "some", replaces: ["region"] },
    create: async (_urn: string, inputs: Props) => {
      const id = `n${++next}`;
      calls.push(`create ${id}`);
      return { id, properties: { ...inputs, number: id } };
    },
    read: async (_urn: string, id: string, properties: Props, inputs: Props) => {
      calls.push(`read ${id}`);
      return { id, properties, inputs };
    },
    update: async () => ({ properties: {} }),
    delete: async (_urn: string, id: string) => {
      calls.push(`delete ${id}`);
      if (failingDeletes.has(id)) throw new Error(`${id} could not be released`);
    },
  };
  return { provider: provider as unknown as ProviderClient, calls, failingDeletes };
}

const resource = (region: string) => [{ type: "test:Number", name: "line", inputs: { region } }];

describe("LocalEngine keeps a replaced resource pending deletion apart from its replacement", () => {
  it("refresh reads both, keeps the live one, and the next up deletes only the pending one", async () => {
    const { provider, calls, failingDeletes } = fakeProvider();
    const engine = new LocalEngine();
    await engine.up(provider, resource("London"));
    failingDeletes.add("n1");
    const replaced = await engine.up(provider, resource("Leeds"));
    expect(replaced.errors.map((step) => step.error)).toEqual([
      "deleting the replaced urn:pulumi:dev::aculab-program::test:Number::line: n1 could not be released",
    ]);
    const ids = () => [...engine.state.values()].map((entry) => entry.id).sort();
    expect(ids()).toEqual(["n1", "n2"]);

    await engine.refresh(provider);
    expect(ids()).toEqual(["n1", "n2"]);
    expect(engine.state.get("urn:pulumi:dev::aculab-program::test:Number::line")?.id).toBe("n2");

    failingDeletes.clear();
    calls.length = 0;
    const retried = await engine.up(provider, resource("Leeds"));
    expect(retried.errors).toEqual([]);
    expect(calls).toEqual(["delete n1"]);
    expect(ids()).toEqual(["n2"]);
  });
});
