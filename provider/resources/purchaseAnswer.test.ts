import { AculabClient, PurchaseParams } from "../client";
import { NumberAccount } from "./account";
import { ResourcePartiallyCreatedError } from "./errors";
import { inboundNumberLifecycle, InboundNumberOutputs } from "./inboundNumber";
import { numberBlockLifecycle } from "./numberBlock";
import { normaliseNumber, readPurchaseAnswer } from "./purchaseAnswer";
import { ResourceContext } from "./resourceContext";
import {
  fastTuning,
  SimulatedAccount,
  simulatedAccountEachTest,
} from "../../test/support/simulatedAccount";
import { clock, milton, sales } from "../../test/support/resourceInputs";

// Issue 20: a tel_purchase answer is read, not trusted. Every number in it is brought to the
// digits tel_list_numbers and tel_delete_numbers use, and every number Aculab says it sold ends up
// in state or named in an error the user sees.

const miltonNumber = (n: number) => `4419085380${String(n).padStart(2, "0")}`;
const spanish = (...suffixes: number[]) =>
  suffixes.map((n) => `3490110${String(n).padStart(4, "0")}`);

/** "441908538001" as a person would write it: "+44 1908-538001". */
const spelled = (number: string) =>
  `+${number.slice(0, 2)} ${number.slice(2, 6)}-${number.slice(6)}`;

/**
 * The simulator's account, except that each tel_purchase answer is what `answer` makes of it:
 * `buy` buys for real (as many as asked, or `quantity`) and gives the simulator's answer.
 */
function answering(
  sim: SimulatedAccount,
  answer: (
    params: PurchaseParams,
    buy: (quantity?: number) => Promise<string[]>,
  ) => Promise<string[]>,
): ResourceContext & { account(): NumberAccount } {
  const client = Object.create(sim.client) as AculabClient;
  client.purchaseNumbers = (params) =>
    answer(params, (quantity = params.quantity) =>
      sim.client.purchaseNumbers({ ...params, quantity }),
    );
  const account = new NumberAccount(client, false, fastTuning);
  return { account: () => account, accountIfConfigured: () => account, warn: () => undefined };
}

/** The simulated account of the test running, in the describe blocks below that start one. */
let sim: SimulatedAccount;

/** What `pending` fails with, once the test has checked that it is a ResourcePartiallyCreatedError. */
async function partiallyCreated(pending: Promise<unknown>): Promise<ResourcePartiallyCreatedError> {
  const error = await pending.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ResourcePartiallyCreatedError);
  return error as ResourcePartiallyCreatedError;
}

/**
 * Two InboundNumbers at Milton Keynes created at once, so sharing one tel_purchase: the first
 * (checked here) gets the first number; the second's outcome is returned for the test to read.
 */
async function twoAtMilton(context: ResourceContext) {
  const both = await Promise.allSettled([
    inboundNumberLifecycle.create(context, milton, "support"),
    inboundNumberLifecycle.create(context, milton, "backup"),
  ]);
  expect(both[0]).toMatchObject({ status: "fulfilled", value: { id: miltonNumber(1) } });
  return both[1];
}

const owned = (sim: SimulatedAccount) => Object.keys(sim.simulator.ownedNumbers()).sort();
const released = (sim: SimulatedAccount) =>
  sim
    .calls()
    .filter(([service]) => service === "tel_delete_numbers")
    .flatMap(([, params]) => params.numbers.split(","));

describe("normaliseNumber: the reference's digits-only international form", () => {
  it.each([
    ["441908538007", "441908538007"],
    ["+441908538007", "441908538007"],
    ["+44 1908 538007", "441908538007"],
    ["+44-1908-538007", "441908538007"],
    ["44.1908.538007", "441908538007"],
    ["  15873155555\n", "15873155555"],
    ["+1 587\u00a0315\u20115555", "15873155555"],
    // tel_purchase_development's own example
    ["1234567", "1234567"],
  ])("reads %j as %s", (entry, digits) => {
    expect(normaliseNumber(entry)).toBe(digits);
  });

  it.each([
    // A national form or an international access prefix: which country is not known.
    ["01908538007"],
    ["00441908538007"],
    // "(0)" marks a trunk prefix to leave out: reading the brackets away would make another number.
    ["+44 (0) 1908 538007"],
    ["+1 (587) 315-5555"],
    ["44+1908538007"],
    ["++441908538007"],
    ["tel:+441908538007"],
    ["441908538007 ext 12"],
    // Longer than any telephone number (15 digits): two numbers run together, say.
    ["441908538007441908538008"],
    [""],
    ["+"],
    ["\u0664\u0664\u0661\u0669\u0660\u0668\u0665\u0663\u0668\u0660\u0660\u0667"],
  ])("refuses %j", (entry) => {
    expect(normaliseNumber(entry)).toBeUndefined();
  });

  it("readPurchaseAnswer keeps the readable numbers in order and names the others", () => {
    expect(readPurchaseAnswer(["+44 1908 538001", "junk", "441908538002"])).toEqual({
      numbers: ["441908538001", "441908538002"],
      duplicates: [],
      unreadable: ["junk"],
    });
  });

  it("readPurchaseAnswer counts a number named twice, in any spelling, once", () => {
    expect(
      readPurchaseAnswer(["441908538001", "441908538002", "+44 1908 538001", "441908538001"]),
    ).toEqual({
      numbers: ["441908538001", "441908538002"],
      duplicates: ["441908538001"],
      unreadable: [],
    });
  });
});

describe("a purchase answer that spells its numbers otherwise than as digits", () => {
  simulatedAccountEachTest({ now: clock }, (started) => (sim = started));

  it("InboundNumber records the digits, with the listed price; refresh keeps it and delete releases it", async () => {
    const context = answering(sim, async (_params, buy) => (await buy()).map(spelled));
    const created = await inboundNumberLifecycle.create(context, milton, "support");
    const expected: InboundNumberOutputs = {
      ...milton,
      didType: "geographic",
      number: "441908538001",
      monthlyPrice: 3,
      purchased: "2025-03-14",
    };
    expect(created).toEqual({ id: "441908538001", outs: expected });
    sim.nextCommand();
    const read = await inboundNumberLifecycle.read(sim.context, created.id, created.outs);
    expect(read).toEqual({ id: "441908538001", props: expected });
    await inboundNumberLifecycle.delete(sim.context, created.id, created.outs);
    expect(released(sim)).toEqual(["441908538001"]);
    expect(owned(sim)).toEqual([]);
  });

  it("NumberBlock records the digits, with their summed price; refresh keeps them all", async () => {
    const context = answering(sim, async (_params, buy) => (await buy()).map(spelled));
    const created = await numberBlockLifecycle.create(context, sales, "sales");
    expect(created.outs.numbers).toEqual(spanish(1, 2, 3));
    expect(created.outs.monthlyPrice).toBe(45);
    sim.nextCommand();
    const read = await numberBlockLifecycle.read(sim.context, created.id, created.outs);
    expect(read.props.numbers).toEqual(spanish(1, 2, 3));
    expect(read.inputs).toBeUndefined();
  });

  it("an entry that is no telephone number is named in the error, with how to find and adopt or release it", async () => {
    const context = answering(sim, async (_params, buy) =>
      (await buy()).map((n) => `+44 (0) ${n.slice(2, 6)} ${n.slice(6)}`),
    );
    const error = await inboundNumberLifecycle
      .create(context, milton, "support")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      "Aculab's tel_purchase answer at Milton Keynes, United Kingdom (geographic) left no number for this " +
        "resource (1 entry of it is no telephone number): none is recorded in state. " +
        'Aculab\'s tel_purchase answer at Milton Keynes, United Kingdom (geographic) held "+44 (0) 1908 538001", ' +
        "which is no telephone number this provider can read (digits in international form, with at most a " +
        "leading + and spaces, dots or dashes), so no resource records it. The account may now own a number no " +
        "resource manages, and pay for it: find it with `aculab-audit` (or aculab.listNumbers at this location), " +
        "then adopt it with InboundNumber's `number` input, or release it by hand in the Aculab Cloud console.",
    );
    // The number is the account's, and not in any state: the error is where it is named.
    expect(owned(sim)).toEqual(["441908538001"]);
  });

  it("a readable number beside an unreadable entry is recorded, and the error names the other", async () => {
    // Two resources at one location share one tel_purchase; Aculab answers one number in a form
    // this provider cannot read.
    const context = answering(sim, async (_params, buy) => {
      const [first, second] = await buy();
      return [first, `tel:${second}`];
    });
    const second = await twoAtMilton(context);
    expect(second.status).toBe("rejected");
    const message = ((second as PromiseRejectedResult).reason as Error).message;
    expect(message).toContain(
      'held "…441908538002", which is no telephone number this provider can read',
    );
    expect(owned(sim)).toEqual([miltonNumber(1), miltonNumber(2)]);
  });

  it("a block whose answer holds an unreadable entry keeps the numbers it could read, and names the other", async () => {
    const context = answering(sim, async (_params, buy) => {
      const numbers = await buy();
      return [...numbers.slice(0, 2), `${numbers[2]} (Spain)`];
    });
    const partial = await partiallyCreated(numberBlockLifecycle.create(context, sales, "sales"));
    expect(partial.properties.numbers).toEqual(spanish(1, 2));
    expect(partial.message).toContain(
      "Aculab's tel_purchase answer at 901, Spain (tollfree) left this resource only 2 of the 3 numbers asked " +
        "for (1 entry of it is no telephone number); the 2 bought (34901100001, 34901100002) are recorded in state.",
    );
    expect(partial.message).toContain(
      `held "${spanish(3)[0]} (…)", which is no telephone number this provider can read`,
    );
  });
});

describe("a purchase answer that names a number twice", () => {
  simulatedAccountEachTest({ now: clock }, (started) => (sim = started));

  it("two InboundNumbers sharing the call: one holds the number, the other fails as short, never both", async () => {
    // Aculab sells one number and names it twice.
    const context = answering(sim, async (_params, buy) => {
      const [number] = await buy(1);
      return [number, number];
    });
    const second = await twoAtMilton(context);
    expect(second.status).toBe("rejected");
    expect(((second as PromiseRejectedResult).reason as Error).message).toBe(
      "Aculab's tel_purchase answer at Milton Keynes, United Kingdom (geographic) left no number for this " +
        "resource (it named 441908538001 more than once, and each number counts once): no number was bought; " +
        "try another region, or later",
    );
    expect(owned(sim)).toEqual([miltonNumber(1)]);
    expect(context.account().holderOf(miltonNumber(1))).toBe('InboundNumber "support"');
  });

  it("a NumberBlock records the number once and the shortfall as Aculab selling fewer; the next update buys the rest", async () => {
    const context = answering(sim, async (_params, buy) => {
      const numbers = await buy(2);
      return [...numbers, numbers[0]];
    });
    const partial = await partiallyCreated(numberBlockLifecycle.create(context, sales, "sales"));
    expect(partial.message).toBe(
      "Aculab's tel_purchase answer at 901, Spain (tollfree) left this resource only 2 of the 3 numbers asked " +
        "for (it named 34901100001 more than once, and each number counts once); the 2 bought (34901100001, " +
        "34901100002) are recorded in state. Lower quantity or set allowPartial: true to keep them, or run " +
        "`pulumi up` again to try for the rest.",
    );
    expect(partial.properties).toMatchObject({
      numbers: spanish(1, 2),
      quantity: 2,
      monthlyPrice: 30,
    });
    sim.nextCommand();
    const { outs } = await numberBlockLifecycle.update(
      sim.context,
      partial.id,
      partial.properties as never,
      sales,
      "sales",
    );
    expect(outs.numbers).toEqual(spanish(1, 2, 3));
    expect(owned(sim)).toEqual(spanish(1, 2, 3));
  });
});

describe("a purchase answer that holds more numbers than were asked for", () => {
  simulatedAccountEachTest({ now: clock }, (started) => (sim = started));

  /** Aculab sells `extra` more numbers than asked for, and says so. */
  const selling = (extra: number) =>
    answering(sim, (params, buy) => buy((params.quantity ?? 1) + extra));

  it("InboundNumber records its number and fails naming the other, owned and unmanaged, with how to adopt or release it", async () => {
    const context = selling(1);
    const partial = await partiallyCreated(
      inboundNumberLifecycle.create(context, milton, "support"),
    );
    expect(partial.message).toBe(
      "Number 441908538001 was bought for this resource and is recorded in state. Aculab's tel_purchase " +
        "answer at Milton Keynes, United Kingdom (geographic) held 1 number more than the 1 asked for: " +
        "441908538002. No resource records it, and the account now owns it and pays for it: adopt it with " +
        'InboundNumber\'s `number` input ({ country: "United Kingdom", region: "Milton Keynes", number: ' +
        '"441908538002" }), or release it by hand in the Aculab Cloud console; `aculab-audit` lists it among ' +
        "the unmanaged numbers.",
    );
    expect(partial.id).toBe(miltonNumber(1));
    expect(partial.properties).toEqual({
      ...milton,
      number: miltonNumber(1),
      monthlyPrice: 3,
      purchased: "2025-03-14",
    });
    // Nothing released: the surplus is the user's to keep or release.
    expect(owned(sim)).toEqual([miltonNumber(1), miltonNumber(2)]);
    expect(released(sim)).toEqual([]);
    // The way the error names adopts it.
    const adopted = await inboundNumberLifecycle.create(
      context,
      { ...milton, number: miltonNumber(2) },
      "spare",
    );
    expect(adopted.id).toBe(miltonNumber(2));
    // The next update of the partially created resource settles it: nothing bought or released.
    sim.simulator.resetRequestLog();
    const updated = await inboundNumberLifecycle.update(
      context,
      partial.id,
      partial.properties as InboundNumberOutputs,
      milton,
    );
    expect(updated.outs).toEqual(partial.properties);
    expect(sim.calls()).toEqual([]);
  });

  it("of two InboundNumbers sharing the call, the first gets its number and the last names the surplus", async () => {
    const context = selling(2);
    const second = await twoAtMilton(context);
    const error = (second as PromiseRejectedResult).reason as ResourcePartiallyCreatedError;
    expect(error).toBeInstanceOf(ResourcePartiallyCreatedError);
    expect(error.id).toBe(miltonNumber(2));
    expect(error.message).toContain(
      "held 2 numbers more than the 2 asked for: 441908538003 and 441908538004. No resource records them, " +
        "and the account now owns them and pays for them: adopt each with InboundNumber's `number` input " +
        '(e.g. { country: "United Kingdom", region: "Milton Keynes", number: "441908538003" })',
    );
  });

  it("a NumberBlock records the numbers it asked for, and fails naming the surplus", async () => {
    const context = selling(1);
    const partial = await partiallyCreated(numberBlockLifecycle.create(context, sales, "sales"));
    expect(partial.message).toBe(
      "The block's 3 number(s) (34901100001, 34901100002, 34901100003) were bought and are recorded in state. " +
        "Aculab's tel_purchase answer at 901, Spain (tollfree) held 1 number more than the 3 asked for: " +
        "34901100004. No resource records it, and the account now owns it and pays for it: adopt it with " +
        'InboundNumber\'s `number` input ({ country: "Spain", region: "901", didType: "tollfree", number: ' +
        '"34901100004" }), or release it by hand in the Aculab Cloud console; `aculab-audit` lists it among ' +
        "the unmanaged numbers.",
    );
    expect(partial.properties).toMatchObject({
      numbers: spanish(1, 2, 3),
      quantity: 3,
      monthlyPrice: 45,
    });
    expect(partial.properties.requestedQuantity).toBeUndefined();
    expect(owned(sim)).toEqual(spanish(1, 2, 3, 4));
  });

  it("a NumberBlock's growth records the numbers it asked for, and fails naming the surplus", async () => {
    const created = await numberBlockLifecycle.create(sim.context, sales, "sales");
    const partial = await partiallyCreated(
      numberBlockLifecycle.update(
        selling(1),
        created.id,
        created.outs,
        { ...sales, quantity: 4 },
        "sales",
      ),
    );
    expect(partial.message).toContain(
      "Growing the block at 901, Spain (tollfree) bought the 1 number(s) asked for; it now holds 4 number(s), " +
        "all recorded in state. Aculab's tel_purchase answer at 901, Spain (tollfree) held 1 number more than " +
        "the 1 asked for: 34901100005.",
    );
    expect(partial.properties).toMatchObject({ numbers: spanish(1, 2, 3, 4), quantity: 4 });
    expect(owned(sim)).toEqual(spanish(1, 2, 3, 4, 5));
  });
});
