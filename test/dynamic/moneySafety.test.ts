import * as path from "node:path";
import { createDeployment, Deployment, DeploymentResult } from "../../harness";
import { clientFor } from "../support/simulatedAccount";
import {
  InterceptingProxy,
  ProxyHandler,
  startInterceptingProxy,
} from "../reliability/interceptingProxy";

// Per test and hook: far above the time measured on a loaded machine (docs/testing.md).
jest.setTimeout(300_000);

// Money safety through Pulumi's dynamic-provider host (issue 11): refresh never drops a number
// the account owns, a delete succeeds only when its numbers are gone, development numbers are
// recorded per resource, and two resources cannot adopt one number.
const lifecycleProgram = path.join(__dirname, "..", "programs", "lifecycle");
const fleetProgram = path.join(__dirname, "..", "programs", "fleet");
const adoptersProgram = path.join(__dirname, "..", "programs", "adopters");
const adopterProgram = path.join(__dirname, "..", "programs", "adopter");
const clock = () => new Date("2025-03-14T12:00:00Z");

const ops = (result: DeploymentResult) => result.steps.map((s) => [s.name, s.op]).sort();
const errorsOf = (result: DeploymentResult) =>
  Object.fromEntries(result.errors.map((s) => [s.name, s.error]));
/** Every resource's recorded outputs by name, without the serialized provider. */
const outputsByName = (deployment: Deployment) =>
  Object.fromEntries(
    [...deployment.engine.state.values()].map((e) => {
      const { __provider: _p, ...outputs } = e.outputs;
      return [e.name, outputs];
    }),
  );
const services = (deployment: Deployment) => deployment.simulator.requests().map((r) => r.service);

describe("money safety through Pulumi's dynamic-provider host", () => {
  let deployment: Deployment;
  let proxy: InterceptingProxy | undefined;
  afterEach(async () => {
    await proxy?.stop();
    proxy = undefined;
    await deployment.close();
  });

  /** Every later command reaches Aculab through a proxy that answers as `handler` says. */
  const throughProxy = async (handler: ProxyHandler) => {
    proxy = await startInterceptingProxy(deployment.simulator.url, handler);
    deployment.config["aculab:endpoint"] = proxy.url;
  };

  it("refresh keeps every number when the listing spells locations its own way, in one unfiltered listing", async () => {
    deployment = await createDeployment(fleetProgram, { simulator: { now: clock } });
    const shape = { FLEET_SIZE: "8", LOCATIONS: "4", BLOCKS: "2", BLOCK_QUANTITY: "2" };
    expect((await deployment.up(shape)).errors).toEqual([]);
    const before = outputsByName(deployment);
    // An Aculab that lists every place in capitals with a state added: filtering by the
    // program's spelling finds nothing, so a lookup by location would call every number gone.
    await throughProxy(async (service, body, forward) => {
      if (service !== "tel_list_numbers") return forward(body);
      const answer = await forward(new URLSearchParams());
      const listed = JSON.parse(answer.body) as Record<string, Record<string, string>>;
      const respelled = Object.entries(listed)
        .map(
          ([n, v]) =>
            [n, { ...v, region: v.region.toUpperCase(), state: v.state ?? "Somewhere" }] as const,
        )
        .filter(([, v]) =>
          [...body.entries()].every(([k, wanted]) => (v as Record<string, string>)[k] === wanted),
        );
      return { status: 200, body: JSON.stringify(Object.fromEntries(respelled)) };
    });
    deployment.simulator.resetRequestLog();
    const refresh = await deployment.refresh();
    expect(refresh.errors).toEqual([]);
    expect(new Set(ops(refresh).map(([, op]) => op))).toEqual(new Set(["read"]));
    expect(outputsByName(deployment)).toEqual(before);
    expect(deployment.simulator.requests().map((r) => [r.service, r.params])).toEqual([
      ["tel_list_numbers", {}],
    ]);
  });

  describe("purchase answers are read, not trusted (issue 20)", () => {
    /** Every tel_purchase answer goes through `rewrite`; `buy` forwards it, maybe with another quantity. */
    const answering = (
      rewrite: (numbers: string[], quantity: number) => string[],
      quantityAsked: (quantity: number) => number = (q) => q,
    ) =>
      throughProxy(async (service, body, forward) => {
        if (service !== "tel_purchase") return forward(body);
        const quantity = Number(body.get("quantity") ?? "1");
        const asked = new URLSearchParams(body);
        asked.set("quantity", String(quantityAsked(quantity)));
        const answer = await forward(asked);
        if (answer.status !== 200) return answer;
        return { status: 200, body: JSON.stringify(rewrite(JSON.parse(answer.body), quantity)) };
      });
    const recordedNumbers = () => {
      const outputs = outputsByName(deployment);
      return [outputs.support.number as string, ...(outputs.sales.numbers as string[])].sort();
    };

    it("numbers spelled +44 1908-538001 are recorded as digits: refresh keeps them, destroy releases them", async () => {
      deployment = await createDeployment(lifecycleProgram, { simulator: { now: clock } });
      await answering((numbers) =>
        numbers.map((n) => `+${n.slice(0, 2)} ${n.slice(2, 6)}-${n.slice(6)}`),
      );
      expect((await deployment.up()).errors).toEqual([]);
      const owned = Object.keys(deployment.simulator.ownedNumbers()).sort();
      expect(owned).toHaveLength(4);
      expect(recordedNumbers()).toEqual(owned);
      expect(outputsByName(deployment).support.monthlyPrice).toBe(3);
      const before = outputsByName(deployment);
      const refresh = await deployment.refresh();
      expect(refresh.errors).toEqual([]);
      expect(outputsByName(deployment)).toEqual(before);
      deployment.simulator.resetRequestLog();
      expect((await deployment.destroy()).errors).toEqual([]);
      const released = deployment.simulator
        .requests()
        .filter((r) => r.service === "tel_delete_numbers")
        .flatMap((r) => r.params.numbers.split(","))
        .sort();
      expect(released).toEqual(owned);
      expect(deployment.simulator.ownedNumbers()).toEqual({});
    });

    it("a number named twice goes to one resource once; the shortfall is recorded and the next up buys the rest", async () => {
      deployment = await createDeployment(lifecycleProgram, { simulator: { now: clock } });
      // The block's first purchase: Aculab sells 2 of the 3 and names the first twice.
      let mangle = true;
      await answering(
        (numbers, quantity) => (quantity === 3 && mangle ? [...numbers, numbers[0]] : numbers),
        (quantity) => (quantity === 3 && mangle ? 2 : quantity),
      );
      const up = await deployment.up();
      expect(Object.keys(errorsOf(up))).toEqual(["sales"]);
      const [first, second] = Object.keys(deployment.simulator.ownedNumbers())
        .filter((n) => n.startsWith("349"))
        .sort();
      expect(errorsOf(up).sales).toContain(
        `Aculab's tel_purchase answer at 901, Spain (tollfree) left this resource only 2 of the 3 numbers asked ` +
          `for (it named ${first} more than once, and each number counts once); the 2 bought (${first}, ${second}) ` +
          `are recorded in state.`,
      );
      expect(outputsByName(deployment).sales).toMatchObject({
        numbers: [first, second],
        quantity: 2,
      });
      expect(recordedNumbers()).toEqual(Object.keys(deployment.simulator.ownedNumbers()).sort());
      mangle = false;
      expect((await deployment.up()).errors).toEqual([]);
      expect((outputsByName(deployment).sales.numbers as string[]).slice(0, 2)).toEqual([
        first,
        second,
      ]);
      expect(outputsByName(deployment).sales.quantity).toBe(3);
      expect(recordedNumbers()).toEqual(Object.keys(deployment.simulator.ownedNumbers()).sort());
      expect((await deployment.destroy()).errors).toEqual([]);
      expect(deployment.simulator.ownedNumbers()).toEqual({});
    });

    it("a number sold beyond those asked for is named in an error as owned and unmanaged, never dropped silently", async () => {
      deployment = await createDeployment(lifecycleProgram, { simulator: { now: clock } });
      // The InboundNumber's purchase: Aculab sells two numbers where one was asked for.
      let extra = 1;
      await answering(
        (numbers) => numbers,
        (quantity) => (quantity === 1 ? quantity + extra : quantity),
      );
      const up = await deployment.up();
      extra = 0;
      expect(Object.keys(errorsOf(up))).toEqual(["support"]);
      const owned = Object.keys(deployment.simulator.ownedNumbers()).sort();
      expect(owned).toHaveLength(5);
      const support = outputsByName(deployment).support.number as string;
      const [surplus] = owned.filter((n) => !recordedNumbers().includes(n));
      expect(errorsOf(up).support).toContain(
        `Number ${support} was bought for this resource and is recorded in state. Aculab's tel_purchase answer ` +
          `at Milton Keynes, United Kingdom (geographic) held 1 number more than the 1 asked for: ${surplus}. ` +
          `No resource records it, and the account now owns it and pays for it: adopt it with InboundNumber's ` +
          `\`number\` input ({ country: "United Kingdom", region: "Milton Keynes", number: "${surplus}" }), or ` +
          `release it by hand in the Aculab Cloud console; \`aculab-audit\` lists it among the unmanaged numbers.`,
      );
      // The next up finishes without buying; the surplus is left to the user, never released.
      deployment.simulator.resetRequestLog();
      expect((await deployment.up()).errors).toEqual([]);
      expect(services(deployment)).not.toContain("tel_purchase");
      expect((await deployment.destroy()).errors).toEqual([]);
      expect(Object.keys(deployment.simulator.ownedNumbers())).toEqual([surplus]);
    });
  });

  // Issue 20: `{}` is how tel_list_numbers says "no numbers", so one such answer (an outage, a
  // backend answering for an empty account) once dropped every number from state, and the next
  // `up` bought them all again. A number leaves state only when two listings in a row lack it.
  describe("one listing answer that lists nothing never drops a number", () => {
    /** Answers `{}` (HTTP 200) to the first `empties` tel_list_numbers calls, then forwards. */
    const emptyListings = async (empties: number) => {
      const listings: string[] = [];
      await throughProxy(async (service, body, forward) => {
        if (service !== "tel_list_numbers") return forward(body);
        if (listings.length < empties) {
          listings.push("{}");
          return { status: 200, body: "{}" };
        }
        const answer = await forward(body);
        listings.push(answer.body);
        return answer;
      });
      return listings;
    };

    it("refresh after a `{}` answer keeps every number, names tel_list_numbers, and the next up buys nothing", async () => {
      deployment = await createDeployment(lifecycleProgram, { simulator: { now: clock } });
      expect((await deployment.up()).errors).toEqual([]);
      const before = outputsByName(deployment);
      const owned = Object.keys(deployment.simulator.ownedNumbers()).sort();
      expect(owned).toHaveLength(4);
      const listings = await emptyListings(1);
      deployment.simulator.resetRequestLog();

      const refresh = await deployment.refresh();
      expect(refresh.errors).toEqual([]);
      expect(ops(refresh)).toEqual([
        ["sales", "read"],
        ["support", "read"],
      ]);
      expect(outputsByName(deployment)).toEqual(before);
      // The empty answer, then one listing asked for after it, shared by both reads.
      expect(listings.map((body) => body === "{}")).toEqual([true, false]);
      const said = deployment.hostLogs.join("");
      expect(said).toContain(
        "aculab: tel_list_numbers answered an empty listing ({}), and the listing asked for right after it " +
          `lists 4 numbers that one lacked (${owned.join(", ")})`,
      );
      expect(said).toContain("nothing leaves state on one listing");

      const up = await deployment.up();
      expect(up.errors).toEqual([]);
      expect(ops(up)).toEqual([
        ["sales", "same"],
        ["support", "same"],
      ]);
      expect(services(deployment)).not.toContain("tel_purchase");
      expect(Object.keys(deployment.simulator.ownedNumbers()).sort()).toEqual(owned);
    });

    it("a listing answer that is not the reference's object fails the refresh, naming tel_list_numbers, and drops nothing", async () => {
      deployment = await createDeployment(lifecycleProgram, { simulator: { now: clock } });
      expect((await deployment.up()).errors).toEqual([]);
      const before = outputsByName(deployment);
      await throughProxy(async (service, body, forward) =>
        service === "tel_list_numbers"
          ? { status: 200, body: JSON.stringify({ numbers: [] }) }
          : forward(body),
      );
      const refresh = await deployment.refresh();
      expect(Object.keys(errorsOf(refresh)).sort()).toEqual(["sales", "support"]);
      for (const error of Object.values(errorsOf(refresh))) {
        expect(error).toContain("tel_list_numbers");
      }
      expect(outputsByName(deployment)).toEqual(before);
    });

    it("numbers released outside Pulumi leave state once two listings in a row lack them", async () => {
      deployment = await createDeployment(lifecycleProgram, { simulator: { now: clock } });
      expect((await deployment.up()).errors).toEqual([]);
      const support = outputsByName(deployment).support.number as string;
      await clientFor(deployment.simulator).deleteNumbers({ numbers: [support] });
      deployment.simulator.resetRequestLog();

      const refresh = await deployment.refresh();
      expect(refresh.errors).toEqual([]);
      expect(ops(refresh)).toEqual([
        ["sales", "read"],
        ["support", "refresh-delete"],
      ]);
      expect(services(deployment)).toEqual(["tel_list_numbers", "tel_list_numbers"]);
      expect(deployment.hostLogs.join("")).not.toContain("tel_list_numbers");
    });
  });

  it("a delete answered FAIL without naming the numbers fails, and state keeps every number", async () => {
    deployment = await createDeployment(lifecycleProgram, { simulator: { now: clock } });
    expect((await deployment.up()).errors).toEqual([]);
    const owned = Object.keys(deployment.simulator.ownedNumbers()).sort();
    let failing = true;
    await throughProxy(async (service, body, forward) =>
      service === "tel_delete_numbers" && failing
        ? { status: 200, body: JSON.stringify({ status: "FAIL" }) }
        : forward(body),
    );
    const destroy = await deployment.destroy();
    expect(Object.keys(errorsOf(destroy)).sort()).toEqual(["sales", "support"]);
    const support = outputsByName(deployment).support.number as string;
    expect(errorsOf(destroy).support).toContain(
      `${support}: Aculab tel_delete_numbers answered FAIL without naming it among the numbers not deleted, ` +
        `and the account still lists it`,
    );
    expect(deployment.engine.state.size).toBe(2);
    expect(Object.keys(deployment.simulator.ownedNumbers()).sort()).toEqual(owned);
    failing = false;
    expect((await deployment.destroy()).errors).toEqual([]);
    expect(deployment.simulator.ownedNumbers()).toEqual({});
  });

  it("development numbers stay development records when aculab:development turns false: never looked up, bought or released", async () => {
    deployment = await createDeployment(lifecycleProgram, {
      simulator: { now: clock },
      config: { "aculab:development": "true" },
    });
    expect((await deployment.up()).errors).toEqual([]);
    const recorded = outputsByName(deployment);
    expect(recorded.support.development).toBe(true);
    expect(recorded.sales.development).toBe(true);
    expect(deployment.simulator.ownedNumbers()).toEqual({});

    deployment.config["aculab:development"] = "false";
    deployment.simulator.resetRequestLog();
    const refresh = await deployment.refresh();
    expect(refresh.errors).toEqual([]);
    expect(outputsByName(deployment)).toEqual(recorded);
    expect(services(deployment)).toEqual([]);

    const up = await deployment.up();
    expect(up.errors).toEqual([]);
    expect(ops(up)).toEqual([
      ["sales", "same"],
      ["support", "same"],
    ]);
    expect(services(deployment)).not.toContain("tel_purchase");

    const destroy = await deployment.destroy();
    expect(destroy.errors).toEqual([]);
    expect(services(deployment)).not.toContain("tel_delete_numbers");
    expect(services(deployment)).not.toContain("tel_list_numbers");
    expect(deployment.engine.state.size).toBe(0);
  });

  it("numbers bought for real are refreshed and released for real when aculab:development turns true", async () => {
    deployment = await createDeployment(lifecycleProgram, { simulator: { now: clock } });
    expect((await deployment.up()).errors).toEqual([]);
    const owned = Object.keys(deployment.simulator.ownedNumbers()).sort();
    expect(owned).toHaveLength(4);
    expect(outputsByName(deployment).support.development).toBeUndefined();

    deployment.config["aculab:development"] = "true";
    deployment.simulator.resetRequestLog();
    expect((await deployment.refresh()).errors).toEqual([]);
    expect(deployment.engine.state.size).toBe(2);
    expect(services(deployment)).toEqual(["tel_list_numbers"]);

    const destroy = await deployment.destroy();
    expect(destroy.errors).toEqual([]);
    const released = deployment.simulator
      .requests()
      .filter((r) => r.service === "tel_delete_numbers")
      .flatMap((r) => r.params.numbers.split(","))
      .sort();
    expect(released).toEqual(owned);
    expect(deployment.simulator.ownedNumbers()).toEqual({});
  });

  it("two resources adopting the same number: one holds it, the other fails naming both", async () => {
    deployment = await createDeployment(adoptersProgram, { simulator: { now: clock } });
    const [number] = await clientFor(deployment.simulator).purchaseNumbers({
      country: "United Kingdom",
      region: "Milton Keynes",
      quantity: 1,
    });
    deployment.simulator.resetRequestLog();
    const up = await deployment.up({ ADOPT_NUMBER: number });
    expect(up.errors).toHaveLength(1);
    const [failed] = up.errors;
    const holder = failed.name === "support" ? "backup" : "support";
    expect(failed.error).toBe(
      `number ${number} is already held by InboundNumber "${holder}" in this deployment, so InboundNumber ` +
        `"${failed.name}" cannot adopt it too: one number belongs to one resource (remove \`number\` from one of ` +
        `them, or delete InboundNumber "${holder}" first)`,
    );
    expect(Object.keys(outputsByName(deployment))).toEqual([holder]);
    expect(outputsByName(deployment)[holder].number).toBe(number);
    // Both checks and both creates shared one listing; nothing was bought.
    expect(services(deployment)).toEqual(["tel_list_numbers"]);
  });

  describe("an adopter renamed or replaced in one up keeps its number: the old resource's delete releases nothing", () => {
    const tollfree = { country: "Spain", region: "901", quantity: 1, allowLandline: true };
    const adoptable = async () => {
      deployment = await createDeployment(adopterProgram, { simulator: { now: clock } });
      const [number] = await clientFor(deployment.simulator).purchaseNumbers({
        ...tollfree,
        didType: "tollfree",
      });
      const first = await deployment.up({ ADOPT_NUMBER: number, ADOPTER_NAME: "support" });
      expect(first.errors).toEqual([]);
      deployment.simulator.resetRequestLog();
      return number;
    };
    /** After the change: the account still owns the number, state holds it once, under `name`. */
    const expectHeldOnceBy = (name: string, number: string) => {
      expect(Object.keys(deployment.simulator.ownedNumbers())).toEqual([number]);
      const held = Object.entries(outputsByName(deployment)).map(([n, o]) => [n, o.number]);
      expect(held).toEqual([[name, number]]);
      expect(services(deployment)).not.toContain("tel_delete_numbers");
      expect(deployment.hostLogs.at(-1)).toContain(
        `aculab: number ${number} was not released: InboundNumber "${name}" adopted it in this deployment ` +
          `and holds it now, so the resource being deleted leaves it to that resource (the account keeps it).`,
      );
    };

    it("a rename: the new name adopts the number, the old name's delete leaves it owned", async () => {
      const number = await adoptable();
      const renamed = await deployment.up({ ADOPT_NUMBER: number, ADOPTER_NAME: "help" });
      expect(renamed.errors).toEqual([]);
      expect(ops(renamed)).toEqual([
        ["help", "create"],
        ["support", "delete"],
      ]);
      expectHeldOnceBy("help", number);
      // Still managed: destroying the stack releases it, once.
      expect((await deployment.destroy()).errors).toEqual([]);
      expect(deployment.simulator.ownedNumbers()).toEqual({});
    });

    it("a replacement adopting the same number: the replaced resource's delete leaves it owned", async () => {
      const number = await adoptable();
      const replaced = await deployment.up({
        ADOPT_NUMBER: number,
        ADOPTER_NAME: "support",
        ALLOW_CELLULAR: "true",
      });
      expect(replaced.errors).toEqual([]);
      expect(ops(replaced)).toEqual([["support", "replace"]]);
      expectHeldOnceBy("support", number);
      expect(outputsByName(deployment).support.allowCellular).toBe(true);
    });
  });
});

// Issue 20: a purchase whose answer was lost, while another stack (another provider process with
// its own state) buys on the same account. Each stack is a deployment of its own, through its own
// dynamic-provider hosts, against one simulator.
describe("a lost purchase answer, with another stack buying on the same account", () => {
  const DAY_MS = 86_400_000;
  let first: Deployment | undefined;
  let second: Deployment | undefined;
  afterEach(async () => {
    await second?.close();
    await first?.close();
    first = second = undefined;
  });

  it("after a 503 the first stack's next up never claims the number the other stack bought there, and its destroy never releases it", async () => {
    // The simulator's clock runs a test-controlled offset ahead of the real one.
    let offsetMs = 0;
    first = await createDeployment(adopterProgram, {
      simulator: { now: () => new Date(Date.now() + offsetMs) },
      // Nothing is ever listed for the lost purchase, however long it waits: the wait decides nothing.
      config: { "aculab:listingWaitMs": "300" },
    });
    second = await createDeployment(adopterProgram);
    second.config["aculab:endpoint"] = first.simulator.url;
    const simulator = first.simulator;
    const purchases = () => simulator.requests().filter((r) => r.service === "tel_purchase");

    // A 503 on tel_purchase: nothing is bought, which the first stack cannot tell.
    simulator.setFaults({ errorRates: { tel_purchase: { 503: 1 } } });
    const lost = await first.up();
    expect(lost.errors.map((e) => e.error)).toEqual([
      expect.stringContaining("may or may not have happened"),
    ]);
    expect(simulator.ownedNumbers()).toEqual({});
    simulator.setFaults({});

    // Two days later the other stack buys a number at the same place.
    offsetMs = 2 * DAY_MS;
    expect((await second.up()).errors).toEqual([]);
    const theirs = outputsByName(second).support.number as string;
    expect(Object.keys(simulator.ownedNumbers())).toEqual([theirs]);

    // The first stack's next up does not take it: it names it and stops, buying nothing.
    const again = await first.up();
    expect(again.errors).toHaveLength(1);
    expect(again.errors[0].error).toContain(`Candidates: ${theirs}.`);
    expect(again.errors[0].error).toContain("outside the purchase's window");
    expect(again.errors[0].error).toContain("set InboundNumber's `number` to it");
    expect(outputsByName(first).support.number).toBeUndefined();
    expect(outputsByName(first).support.unconfirmedPurchase).toMatchObject({
      asked: 1,
      quantity: 1,
    });
    expect(purchases()).toHaveLength(2);

    // Its destroy releases nothing: the other stack still owns its number.
    const destroy = await first.destroy();
    expect(destroy.errors.map((e) => e.error)).toEqual([
      expect.stringContaining(`Candidates: ${theirs}.`),
    ]);
    expect(simulator.requests().map((r) => r.service)).not.toContain("tel_delete_numbers");
    expect(Object.keys(simulator.ownedNumbers())).toEqual([theirs]);
    expect(purchases()).toHaveLength(2);
  });
});
