import { AculabClient, AculabError } from "../client";
import { NumberAccount } from "./account";
import { ReleaseError, releaseOrExplain } from "./common";
import { PurchaseShortfallError } from "./errors";
import { inboundNumberLifecycle, InboundNumberOutputs } from "./inboundNumber";
import { InboundNumberInputs } from "./inputs";
import {
  contextWith,
  fastTuning,
  SimulatedAccount,
  simulatedAccount,
  simulatedAccountEachTest,
} from "../../test/support/simulatedAccount";
import { RecordingLogger } from "../../test/support/recordingLogger";
import { clock, milton, miltonWire } from "../../test/support/resourceInputs";

const miltonOutputs: InboundNumberOutputs = {
  ...milton,
  didType: "geographic",
  number: "441908538001",
  monthlyPrice: 3,
  purchased: "2025-03-14",
};

describe("InboundNumber lifecycle against the simulator", () => {
  let sim: SimulatedAccount;
  beforeEach(async () => {
    sim = await simulatedAccount({ now: clock });
  });
  afterEach(() => sim.stop());

  describe("create", () => {
    it("buys one number in one tel_purchase call and outputs it with its price and date", async () => {
      const created = await inboundNumberLifecycle.create(sim.context, milton);
      expect(created).toEqual({ id: "441908538001", outs: miltonOutputs });
      // The account's whole listing first: what the place held before, should the answer be lost.
      expect(sim.calls()).toEqual([
        ["tel_list_numbers", {}],
        ["tel_purchase", { ...miltonWire, quantity: "1" }],
        ["tel_list_numbers", miltonWire],
      ]);
      expect(Object.keys(sim.simulator.ownedNumbers())).toEqual(["441908538001"]);
    });

    it("sends the state of a state-bound region and records it, and the purchase-time settings", async () => {
      const inputs: InboundNumberInputs = {
        country: "Canada",
        state: "Manitoba",
        region: "Winnipeg",
        didType: "geographic",
        basedOn: "support-line",
      };
      const created = await inboundNumberLifecycle.create(sim.context, inputs);
      expect(created).toEqual({
        id: "12045550001",
        outs: { ...inputs, number: "12045550001", monthlyPrice: 2, purchased: "2025-03-14" },
      });
      expect(sim.calls()[1]).toEqual([
        "tel_purchase",
        {
          country: "Canada",
          state: "Manitoba",
          region: "Winnipeg",
          did_type: "geographic",
          based_on: "support-line",
          quantity: "1",
        },
      ]);
    });

    it("polls the listing until a bought number appears there, then reports its price", async () => {
      await sim.stop();
      // The listing delay runs on the simulator's clock; this clock moves 40 ms each time it is read,
      // so the number is listed after ten reads, however slow they are: the provider's own wait
      // for it is a deadline this test never reaches.
      let now = Date.parse("2025-03-14T12:00:00Z");
      sim = await simulatedAccount({
        now: () => new Date((now += 40)),
        listingDelayMs: 400,
        tuning: { ...fastTuning, listingWaitMs: 60_000 },
      });
      const created = await inboundNumberLifecycle.create(sim.context, milton);
      expect(created.outs).toEqual(miltonOutputs);
      const services = sim.calls().map(([service]) => service);
      const afterPurchase = services.slice(services.indexOf("tel_purchase") + 1);
      expect(afterPurchase.length).toBeGreaterThanOrEqual(2);
      expect(new Set(afterPurchase)).toEqual(new Set(["tel_list_numbers"]));
    });

    it("says no number was bought when the region is sold out", async () => {
      await sim.stop();
      sim = await simulatedAccount({ now: clock, stockPerRegion: 0 });
      await expect(inboundNumberLifecycle.create(sim.context, milton)).rejects.toThrow(
        "Aculab tel_purchase failed (HTTP 400): [0007] Only 0 numbers are available in Milton Keynes, 1 requested.",
      );
      expect(sim.simulator.ownedNumbers()).toEqual({});
    });
  });

  describe("read (refresh)", () => {
    it("returns the number's current outputs and no inputs (the engine keeps its own), so the next diff is empty", async () => {
      const { id, outs } = await inboundNumberLifecycle.create(sim.context, milton);
      sim.nextCommand();
      sim.simulator.resetRequestLog();
      const read = await inboundNumberLifecycle.read(sim.context, id, outs);
      expect(read).toEqual({ id, props: miltonOutputs });
      // Looked up by number in the account's whole listing, never in one filtered by location.
      expect(sim.calls()).toEqual([["tel_list_numbers", {}]]);
      expect(inboundNumberLifecycle.diff(read.props!, milton)).toMatchObject({
        changes: false,
        replaces: [],
      });
    });

    it("drops a number deleted outside Pulumi from state (empty id), releasing nothing", async () => {
      const { id, outs } = await inboundNumberLifecycle.create(sim.context, milton);
      await sim.client.deleteNumbers({ numbers: [id] });
      sim.nextCommand();
      sim.simulator.resetRequestLog();
      expect(await inboundNumberLifecycle.read(sim.context, id, outs)).toEqual({ id: "" });
      // Gone only when two listings in a row lack it (issue 20).
      expect(sim.calls().map(([service]) => service)).toEqual([
        "tel_list_numbers",
        "tel_list_numbers",
      ]);
    });
  });

  describe("update", () => {
    it("records basedOn and regulationAddress without buying or releasing", async () => {
      const { outs } = await inboundNumberLifecycle.create(sim.context, milton);
      sim.simulator.resetRequestLog();
      const updated = await inboundNumberLifecycle.update(sim.context, outs.number, outs, {
        ...milton,
        basedOn: "sales-line",
      });
      expect(updated).toEqual({ outs: { ...miltonOutputs, basedOn: "sales-line" } });
      expect(
        await inboundNumberLifecycle.update(sim.context, outs.number, updated.outs, milton),
      ).toEqual({ outs: miltonOutputs });
      expect(sim.calls()).toEqual([]);
    });
  });

  describe("delete", () => {
    it("releases the number in one tel_delete_numbers call", async () => {
      const { id } = await inboundNumberLifecycle.create(sim.context, milton);
      sim.simulator.resetRequestLog();
      await inboundNumberLifecycle.delete(sim.context, id);
      expect(sim.calls()).toEqual([["tel_delete_numbers", { numbers: "441908538001" }]]);
      expect(sim.simulator.ownedNumbers()).toEqual({});
    });

    it("counts a number that no longer belongs to the account (0300) as released, so destroy is idempotent", async () => {
      const { id } = await inboundNumberLifecycle.create(sim.context, milton);
      await inboundNumberLifecycle.delete(sim.context, id);
      await expect(inboundNumberLifecycle.delete(sim.context, id)).resolves.toBeUndefined();
      expect(sim.calls().filter(([service]) => service === "tel_delete_numbers")).toHaveLength(2);
    });

    it("names each number Aculab kept and why, for any other refusal", async () => {
      const { id } = await inboundNumberLifecycle.create(sim.context, milton);
      // The simulator only ever refuses with 0300, so this answer comes from a client that stands in for Aculab.
      const refusing = Object.create(sim.client) as AculabClient;
      refusing.deleteNumbers = async () => ({
        status: "FAIL",
        numbers: { [id]: { code: "0301", description: "Number is locked by a porting request" } },
      });
      await expect(inboundNumberLifecycle.delete(contextWith(refusing), id)).rejects.toThrow(
        "Aculab tel_delete_numbers did not release 1 of 1 number(s): 441908538001: [0301] Number is locked by a porting request. " +
          "They are still owned and still in state; fix the cause and run the same command again (releasing is safe to repeat).",
      );
    });

    it("names the number left when the release call itself fails", async () => {
      const { id } = await inboundNumberLifecycle.create(sim.context, milton);
      sim.simulator.setFaults({ errorRates: { tel_delete_numbers: { 503: 1 } } });
      const failure = inboundNumberLifecycle.delete(sim.context, id);
      await expect(failure).rejects.toThrow(
        "Releasing 441908538001 failed: Aculab tel_delete_numbers failed (HTTP 503): [0503] " +
          "Service temporarily unavailable (injected by the simulator). The request may have reached Aculab and been carried out. " +
          "The account still lists them. They are still in state; run the same command again (releasing is safe to repeat).",
      );
      sim.simulator.setFaults({});
      expect(Object.keys(sim.simulator.ownedNumbers())).toEqual([id]);
      await inboundNumberLifecycle.delete(sim.context, id);
      expect(sim.simulator.ownedNumbers()).toEqual({});
    });
  });

  describe("an Aculab listing that describes the location its own way", () => {
    it("never turns into a change of location, which would replace and release the number", async () => {
      const { id, outs } = await inboundNumberLifecycle.create(sim.context, milton);
      // Another Aculab implementation may add a state or spell the region otherwise.
      const listing = Object.create(sim.client) as AculabClient;
      listing.listNumbers = async () => ({
        [id]: {
          number: id,
          country: "United Kingdom",
          state: "England",
          region: "MILTON KEYNES",
          didType: "geographic",
          monthlyPrice: 3.5,
          purchased: "2025-03-14",
        },
      });
      const read = await inboundNumberLifecycle.read(contextWith(listing), id, outs);
      expect(read).toEqual({
        id,
        props: { ...miltonOutputs, monthlyPrice: 3.5 },
      });
      expect(inboundNumberLifecycle.diff(read.props!, milton)).toEqual({
        changes: false,
        replaces: [],
        changed: [],
        deleteBeforeReplace: false,
      });
    });
  });

  describe("adoption through `number`", () => {
    it("takes an owned number under management without buying, and releases it on delete", async () => {
      const [owned] = await sim.client.purchaseNumbers({ ...milton, quantity: 1 });
      sim.simulator.resetRequestLog();
      const inputs = { ...milton, number: owned };
      expect((await inboundNumberLifecycle.check(sim.context, inputs)).failures).toEqual([]);
      const created = await inboundNumberLifecycle.create(sim.context, inputs);
      expect(created).toEqual({ id: owned, outs: { ...miltonOutputs, number: owned } });
      expect(sim.calls().map(([service]) => service)).not.toContain("tel_purchase");
      expect(sim.calls().map(([service]) => service)).not.toContain("tel_purchase_development");
      // `pulumi destroy`, a later command: the engine never deletes a resource in the deployment
      // that created it (see "a delete never releases a number another resource adopted").
      sim.nextCommand();
      await inboundNumberLifecycle.delete(sim.context, owned);
      expect(sim.simulator.ownedNumbers()).toEqual({});
    });

    it("fails check on `number` when the account does not own it", async () => {
      const checked = await inboundNumberLifecycle.check(sim.context, {
        ...milton,
        number: "441908538099",
      });
      expect(checked.failures).toEqual([
        {
          property: "number",
          reason:
            "number 441908538099 is not owned by this Aculab account, so it cannot be adopted: " +
            "adopt only a number that listNumbers() returns, or remove `number` to buy a new one",
        },
      ]);
      // Not the account's only when two listings in a row lack it (issue 20).
      expect(sim.calls()).toEqual([
        ["tel_list_numbers", {}],
        ["tel_list_numbers", {}],
      ]);
    });

    it("fails check on `number` when the account owns it at another location, saying where", async () => {
      const [owned] = await sim.client.purchaseNumbers({
        country: "United Kingdom",
        region: "London",
        quantity: 1,
      });
      const checked = await inboundNumberLifecycle.check(sim.context, { ...milton, number: owned });
      expect(checked.failures).toEqual([
        {
          property: "number",
          reason:
            "number 442079460001 is owned by the account but is in London, United Kingdom (geographic), not Milton Keynes, " +
            "United Kingdom (geographic): set country, state, region and didType to match it",
        },
      ]);
    });
  });
});

describe("InboundNumber in development mode", () => {
  let sim: SimulatedAccount;
  simulatedAccountEachTest({ now: clock, development: true }, (started) => (sim = started));

  it("buys through tel_purchase_development, and read and delete touch nothing", async () => {
    const before = new Date().toISOString().slice(0, 10);
    const { id, outs } = await inboundNumberLifecycle.create(sim.context, milton);
    const after = new Date().toISOString().slice(0, 10);
    expect(id).toBe("441908538999");
    expect(outs).toEqual({
      ...milton,
      number: id,
      monthlyPrice: 0,
      purchased: outs.purchased,
      development: true,
    });
    expect([before, after]).toContain(outs.purchased);
    expect(sim.calls()).toEqual([["tel_purchase_development", { ...miltonWire, quantity: "1" }]]);
    sim.simulator.resetRequestLog();
    expect(await inboundNumberLifecycle.read(sim.context, id, outs)).toEqual({ id, props: outs });
    await inboundNumberLifecycle.delete(sim.context, id, outs);
    expect(sim.calls()).toEqual([]);
    expect(sim.simulator.ownedNumbers()).toEqual({});
  });
});

describe("InboundNumber money safety", () => {
  let sim: SimulatedAccount;
  afterEach(() => sim.stop());

  /** An Aculab that files Milton Keynes as "MILTON KEYNES, England": a filter by the program's spelling finds nothing. */
  const spelledItsOwnWay = (client: AculabClient) => {
    const listing = Object.create(client) as AculabClient;
    listing.listNumbers = async (filter = {}) => {
      if (filter.region !== undefined && filter.region !== "MILTON KEYNES") return {};
      const all = await client.listNumbers({});
      return Object.fromEntries(
        Object.entries(all).map(([n, v]) => [
          n,
          { ...v, region: v.region.toUpperCase(), state: "England" },
        ]),
      );
    };
    return listing;
  };

  /** A fresh simulated account (with `options`), and a number bought at Milton Keynes through the lifecycle. */
  const startWithNumber = async (
    options: { development?: boolean; listingDelayMs?: number } = {},
  ) => {
    sim = await simulatedAccount({ now: clock, ...options });
    return inboundNumberLifecycle.create(sim.context, milton);
  };

  /** A fresh simulated account, and a number it owns at Milton Keynes that no resource holds. */
  const startOwning = async () => {
    sim = await simulatedAccount({ now: clock });
    const [owned] = await sim.client.purchaseNumbers({ ...milton, quantity: 1 });
    return owned;
  };

  it("refresh keeps a number the listing files under another spelling of its location", async () => {
    const { id, outs } = await startWithNumber();
    const read = await inboundNumberLifecycle.read(
      contextWith(spelledItsOwnWay(sim.client)),
      id,
      outs,
    );
    expect(read).toEqual({ id, props: miltonOutputs });
  });

  it("adopts a number the listing files under another spelling of its location", async () => {
    const owned = await startOwning();
    const context = contextWith(spelledItsOwnWay(sim.client));
    const inputs = { ...milton, number: owned };
    expect((await inboundNumberLifecycle.check(context, inputs)).failures).toEqual([]);
    expect(await inboundNumberLifecycle.create(context, inputs)).toEqual({
      id: owned,
      outs: { ...miltonOutputs, number: owned },
    });
  });

  it("refresh keeps a number this process bought moments ago that the account does not list yet", async () => {
    // The simulator's clock stands still, so the number never becomes visible in the listing.
    const { id, outs } = await startWithNumber({ listingDelayMs: 60_000 });
    expect(outs).toEqual({ ...miltonOutputs, monthlyPrice: 0, purchased: outs.purchased });
    expect(await inboundNumberLifecycle.read(sim.context, id, outs)).toEqual({ id, props: outs });
    // Another process (the next command) did not buy it: there an unlisted number is gone.
    sim.nextCommand();
    expect(await inboundNumberLifecycle.read(sim.context, id, outs)).toEqual({ id: "" });
  });

  it("one unfiltered listing serves concurrent refreshes at every location", async () => {
    sim = await simulatedAccount({ now: clock });
    const places: InboundNumberInputs[] = [
      milton,
      { country: "United Kingdom", region: "London", didType: "geographic" },
      { country: "Canada", state: "Manitoba", region: "Winnipeg", didType: "geographic" },
      { country: "Spain", region: "Madrid", didType: "geographic" },
    ];
    const created = [];
    for (const place of [...places, ...places]) {
      created.push(await inboundNumberLifecycle.create(sim.context, place));
    }
    sim.nextCommand();
    sim.simulator.resetRequestLog();
    const reads = await Promise.all(
      created.map(({ id, outs }) => inboundNumberLifecycle.read(sim.context, id, outs)),
    );
    expect(reads.map((r) => r.id)).toEqual(created.map((c) => c.id));
    expect(sim.calls()).toEqual([["tel_list_numbers", {}]]);
  });

  it("a development number is never looked up nor released once aculab:development is false", async () => {
    const { id, outs } = await startWithNumber({ development: true });
    sim.simulator.resetRequestLog();
    const real = contextWith(sim.client, false);
    expect(await inboundNumberLifecycle.read(real, id, outs)).toEqual({ id, props: outs });
    await inboundNumberLifecycle.delete(real, id, outs);
    expect(sim.calls()).toEqual([]);
  });

  it("a number bought for real is looked up and released for real once aculab:development is true", async () => {
    const { id, outs } = await startWithNumber();
    sim.simulator.resetRequestLog();
    const development = contextWith(sim.client, true);
    expect(await inboundNumberLifecycle.read(development, id, outs)).toEqual({
      id,
      props: miltonOutputs,
    });
    await inboundNumberLifecycle.delete(development, id, outs);
    expect(sim.calls()).toEqual([
      ["tel_list_numbers", {}],
      ["tel_delete_numbers", { numbers: id }],
    ]);
    expect(sim.simulator.ownedNumbers()).toEqual({});
  });

  describe("a delete succeeds only when the number is gone", () => {
    const answering = (client: AculabClient, answer: unknown) => {
      const stub = Object.create(client) as AculabClient;
      stub.deleteNumbers = async () => answer as Awaited<ReturnType<AculabClient["deleteNumbers"]>>;
      return stub;
    };

    it("a FAIL that names no number keeps it and says so", async () => {
      const { id, outs } = await startWithNumber();
      const context = contextWith(answering(sim.client, { status: "FAIL" }));
      await expect(inboundNumberLifecycle.delete(context, id, outs)).rejects.toThrow(
        `Aculab tel_delete_numbers did not release 1 of 1 number(s): ${id}: Aculab tel_delete_numbers answered FAIL ` +
          `without naming it among the numbers not deleted, and the account still lists it. They are still owned and ` +
          `still in state; fix the cause and run the same command again (releasing is safe to repeat).`,
      );
      expect(Object.keys(sim.simulator.ownedNumbers())).toEqual([id]);
    });

    it("a PARTIAL that names no number keeps it and says so", async () => {
      const { id, outs } = await startWithNumber();
      const context = contextWith(answering(sim.client, { status: "PARTIAL", numbers: {} }));
      await expect(inboundNumberLifecycle.delete(context, id, outs)).rejects.toThrow(
        `${id}: Aculab tel_delete_numbers answered PARTIAL without naming it among the numbers not deleted, and the account still lists it`,
      );
    });

    it("a code other than 0300 keeps the number, with Aculab's code and text", async () => {
      const { id, outs } = await startWithNumber();
      const context = contextWith(
        answering(sim.client, {
          status: "FAIL",
          numbers: { [id]: { code: "0999", description: "Something Aculab has not documented" } },
        }),
      );
      await expect(inboundNumberLifecycle.delete(context, id, outs)).rejects.toThrow(
        `Aculab tel_delete_numbers did not release 1 of 1 number(s): ${id}: [0999] Something Aculab has not documented.`,
      );
    });

    it("a FAIL whose number is not the account's (0300) is a release: it is gone", async () => {
      const { id, outs } = await startWithNumber();
      await sim.client.deleteNumbers({ numbers: [id] });
      sim.simulator.resetRequestLog();
      await inboundNumberLifecycle.delete(sim.context, id, outs);
      expect(sim.calls()).toEqual([["tel_delete_numbers", { numbers: id }]]);
    });
  });

  it("two resources cannot adopt the same number: the second fails naming both", async () => {
    const owned = await startOwning();
    const inputs = { ...milton, number: owned };
    await inboundNumberLifecycle.create(sim.context, inputs, "support");
    await expect(inboundNumberLifecycle.create(sim.context, inputs, "backup")).rejects.toThrow(
      `number ${owned} is already held by InboundNumber "support" in this deployment, so InboundNumber "backup" ` +
        "cannot adopt it too: one number belongs to one resource (remove `number` from one of them, or delete " +
        'InboundNumber "support" first)',
    );
  });

  it("adoption brings the program's spelling of the location to Aculab's, as a purchase does", async () => {
    const owned = await startOwning();
    sim.simulator.resetRequestLog();
    const checked = await inboundNumberLifecycle.check(sim.context, {
      country: " united kingdom",
      region: "MILTON keynes ",
      number: owned,
    });
    expect(checked).toEqual({ inputs: { ...milton, number: owned }, failures: [] });
    const created = await inboundNumberLifecycle.create(sim.context, checked.inputs, "support");
    expect(created.outs).toEqual({ ...miltonOutputs, number: owned });
    // Nothing bought, nothing dry-run: the listing and Aculab's own lists only.
    expect(new Set(sim.calls().map(([service]) => service))).toEqual(
      new Set(["tel_list_numbers", "tel_get_supported_regions", "tel_get_supported_countries"]),
    );
  });

  it("adoption spelt as the account lists it asks no supported list", async () => {
    const owned = await startOwning();
    sim.simulator.resetRequestLog();
    const checked = await inboundNumberLifecycle.check(sim.context, { ...milton, number: owned });
    expect(checked).toEqual({ inputs: { ...milton, number: owned }, failures: [] });
    expect(sim.calls()).toEqual([["tel_list_numbers", {}]]);
  });

  describe("a delete never releases a number another resource adopted in this deployment", () => {
    /** A command's context whose warnings (what the lifecycle chose not to do) a logger keeps. */
    const withNotices = (context: SimulatedAccount["context"]) => {
      const logger = new RecordingLogger();
      return { logger, context: { ...context, warn: (m: string) => logger.warn(m) } };
    };

    /**
     * An owned number that InboundNumber "support" adopted in the last command; then the next
     * command's context, whose warnings a logger keeps, and no request made in it yet.
     */
    const adoptedLastCommand = async () => {
      const owned = await startOwning();
      const inputs = { ...milton, number: owned };
      const old = await inboundNumberLifecycle.create(sim.context, inputs, "support");
      sim.nextCommand();
      sim.simulator.resetRequestLog();
      return { owned, inputs, old, ...withNotices(sim.context) };
    };

    it("renaming an adopter: the old name's delete leaves the number to the new name, unreleased", async () => {
      const { owned, inputs, old, logger, context } = await adoptedLastCommand();
      // This `pulumi up`: the program calls it "help" now; the engine creates, then deletes.
      const renamed = await inboundNumberLifecycle.create(context, inputs, "help");
      expect(renamed.id).toBe(owned);
      await expect(
        inboundNumberLifecycle.delete(context, old.id, old.outs),
      ).resolves.toBeUndefined();
      expect(sim.calls().map(([service]) => service)).not.toContain("tel_delete_numbers");
      expect(Object.keys(sim.simulator.ownedNumbers())).toEqual([owned]);
      expect(logger.warnings()).toEqual([
        `aculab: number ${owned} was not released: InboundNumber "help" adopted it in this deployment and holds it ` +
          `now, so the resource being deleted leaves it to that resource (the account keeps it).`,
      ]);
    });

    it("replacing an adopter by one adopting the same number (same name): the old one's delete releases nothing", async () => {
      const { owned, inputs, old, logger, context } = await adoptedLastCommand();
      await inboundNumberLifecycle.create(
        context,
        { ...inputs, basedOn: "support-line" },
        "support",
      );
      await inboundNumberLifecycle.delete(context, old.id, old.outs);
      expect(sim.calls().map(([service]) => service)).not.toContain("tel_delete_numbers");
      expect(Object.keys(sim.simulator.ownedNumbers())).toEqual([owned]);
      expect(logger.warnings()).toHaveLength(1);
    });

    it("a number only refreshed in this process is released (pulumi destroy --refresh)", async () => {
      const owned = await startOwning();
      const old = await inboundNumberLifecycle.create(
        sim.context,
        { ...milton, number: owned },
        "support",
      );
      sim.nextCommand();
      await inboundNumberLifecycle.read(sim.context, old.id, old.outs, "support");
      const { logger, context } = withNotices(sim.context);
      await inboundNumberLifecycle.delete(context, old.id, old.outs);
      expect(sim.simulator.ownedNumbers()).toEqual({});
      expect(logger.warnings()).toEqual([]);
    });
  });

  describe("errors rewrapped on the way keep their cause", () => {
    it("a release call that fails: the ReleaseError's cause is Aculab's error, with its code", async () => {
      const { id, outs } = await startWithNumber();
      sim.simulator.setFaults({ errorRates: { tel_delete_numbers: { 503: 1 } } });
      const error = await inboundNumberLifecycle
        .delete(sim.context, id, outs)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ReleaseError);
      expect((error as Error).cause).toBeInstanceOf(AculabError);
      expect((error as Error).cause).toMatchObject({ code: "0503", status: 503 });
    });

    it("a release whose batch fails outright: the cause is the error it failed with", async () => {
      sim = await simulatedAccount({ now: clock });
      const refusal = new AculabError({
        service: "tel_delete_numbers",
        status: 401,
        code: "0001",
        text: "Authentication failed",
        outcome: "rejected",
      });
      const account = new NumberAccount(sim.client, false, fastTuning);
      account.release = () => Promise.reject(refusal);
      const error = await releaseOrExplain(account, ["441908538001"], {
        warn: () => undefined,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ReleaseError);
      expect((error as Error).message).toContain(
        "Releasing 441908538001 failed: Aculab tel_delete_numbers failed (HTTP 401): [0001]",
      );
      expect((error as Error).cause).toBe(refusal);
    });

    it("a purchase that came up short: the error keeps the shortfall as its cause", async () => {
      sim = await simulatedAccount({ now: clock, stockPerRegion: 1 });
      // Two numbers at one location share one tel_purchase (allow_partial): Aculab sells one.
      const both = await Promise.allSettled([
        inboundNumberLifecycle.create(sim.context, milton, "support"),
        inboundNumberLifecycle.create(sim.context, milton, "backup"),
      ]);
      const failed = both.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect((failed.reason as Error).message).toBe(
        "Aculab had no number left to sell at Milton Keynes, United Kingdom (geographic): no number was bought; " +
          "try another region, or later",
      );
      expect((failed.reason as Error).cause).toBeInstanceOf(PurchaseShortfallError);
    });
  });

  it("a resource cannot adopt a number another resource of this deployment bought", async () => {
    sim = await simulatedAccount({ now: clock });
    const { id } = await inboundNumberLifecycle.create(sim.context, milton, "support");
    await expect(
      inboundNumberLifecycle.create(sim.context, { ...milton, number: id }, "backup"),
    ).rejects.toThrow(`number ${id} is already held by InboundNumber "support" in this deployment`);
  });
});
