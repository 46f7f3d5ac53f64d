import { fakeClock } from "../../test/support/fakeClock";
import { defaultTuning } from "./accountTuning";
import { BatchingGate, flushWait, GateView } from "./batchingGate";

// When the gate flushes for a scripted sequence of engine calls, on a clock only the test moves.

const tuning = {
  ...defaultTuning,
  batchWindowMs: 100,
  batchWindowMaxMs: 1_000,
  batchMaxWaitMs: 10_000,
};

/** A gate whose flushes are recorded by the fake time they happened at, with what they sent. */
function gateOnFakeClock(gateTuning = tuning) {
  const time = fakeClock();
  const flushes: Array<{ at: number; sent: string[] }> = [];
  let gathered: Array<{ name: string; done: () => void }> = [];
  let releases = false;
  const gate = new BatchingGate(
    gateTuning,
    time.clock,
    () => {
      flushes.push({ at: time.now(), sent: gathered.map((g) => g.name) });
      for (const g of gathered) g.done();
      gathered = [];
    },
    () => releases,
  );
  /** One engine operation (a purchase or a release) reaching the provider; it ends when flushed. */
  const operation = (name: string, { release = false } = {}) => {
    releases = release || releases;
    if (release) gate.releaseArrived();
    const done = new Promise<void>((resolve) =>
      gathered.push({ name, done: () => ((releases = false), resolve()) }),
    );
    return gate.gather(done);
  };
  return { gate, time, flushes, operation };
}

describe("flushWait: the one rule of when a gathering is sent", () => {
  const view: GateView = {
    outstanding: 2,
    peakBefore: 0,
    openChecks: 0,
    purchasesAnnounced: false,
    releasesGathered: false,
    shortReleaseWaveWasNotLast: false,
    untilCapMs: 5_000,
    quietWindowMs: 100,
    batchWindowMaxMs: 1_000,
  };

  it("a first wave waits the quiet window; never past the cap", () => {
    expect(flushWait(view)).toBe(100);
    expect(flushWait({ ...view, untilCapMs: 30 })).toBe(30);
  });

  it("a later wave as wide as the widest before goes at once, even with a check open", () => {
    expect(flushWait({ ...view, peakBefore: 2, openChecks: 1 })).toBe(0);
  });

  it("while a check is open, the gathering waits for the cap (the check's end asks again)", () => {
    expect(flushWait({ ...view, openChecks: 1 })).toBe(5_000);
  });

  it("a later wave not yet complete waits batchWindowMaxMs while announced purchases have not come, else the quiet window", () => {
    expect(flushWait({ ...view, peakBefore: 3, purchasesAnnounced: true })).toBe(1_000);
    expect(flushWait({ ...view, peakBefore: 3 })).toBe(100);
  });

  it("a later wave of releases not yet complete waits twice the quiet window, batchWindowMaxMs once a short one was not the last", () => {
    expect(flushWait({ ...view, peakBefore: 3, releasesGathered: true })).toBe(200);
    expect(flushWait({ ...view, peakBefore: 3, releasesGathered: true, quietWindowMs: 700 })).toBe(
      1_000,
    );
    expect(
      flushWait({
        ...view,
        peakBefore: 3,
        releasesGathered: true,
        shortReleaseWaveWasNotLast: true,
      }),
    ).toBe(1_000);
    expect(flushWait({ ...view, peakBefore: 3, releasesGathered: true, untilCapMs: 50 })).toBe(50);
  });
});

describe("the batching gate on a fake clock", () => {
  it("the first wave is sent once the engine has been quiet for the window: 4 times its longest gap", async () => {
    const { time, flushes, operation } = gateOnFakeClock();
    const wave = [operation("a")];
    await time.advance(60);
    wave.push(operation("b"));
    await time.advance(239);
    expect(flushes).toEqual([]);
    await time.advance(1);
    expect(flushes).toEqual([{ at: 300, sent: ["a", "b"] }]);
    await Promise.all(wave);
  });

  it("a later wave as wide as the first is sent the moment it is complete", async () => {
    const { time, flushes, operation } = gateOnFakeClock();
    const first = ["a", "b", "c"].map((n) => operation(n));
    await time.advance(100);
    await Promise.all(first);
    await time.advance(500);
    const second = [operation("d"), operation("e")];
    await time.advance(0);
    expect(flushes).toEqual([{ at: 100, sent: ["a", "b", "c"] }]);
    second.push(operation("f"));
    await time.advance(0);
    expect(flushes).toEqual([
      { at: 100, sent: ["a", "b", "c"] },
      { at: 600, sent: ["d", "e", "f"] },
    ]);
    await Promise.all(second);
  });

  it("a short later wave of releases waits twice the quiet window; a last wave of every announced purchase waits only the quiet window", async () => {
    const releases = gateOnFakeClock();
    const first = ["a", "b", "c"].map((n) => releases.operation(n, { release: true }));
    await releases.time.advance(100);
    await Promise.all(first);
    const last = ["d", "e"].map((n) => releases.operation(n, { release: true }));
    await releases.time.advance(199);
    expect(releases.flushes.map((f) => f.at)).toEqual([100]);
    await releases.time.advance(1);
    expect(releases.flushes).toEqual([
      { at: 100, sent: ["a", "b", "c"] },
      { at: 300, sent: ["d", "e"] },
    ]);
    await Promise.all(last);

    const purchases = gateOnFakeClock();
    for (let i = 0; i < 5; i++) purchases.gate.announcePurchase();
    const buy = (name: string) => (purchases.gate.purchaseArrived(), purchases.operation(name));
    const bought = ["a", "b", "c"].map(buy);
    await purchases.time.advance(100);
    await Promise.all(bought);
    const lastBuys = ["d", "e"].map(buy);
    await purchases.time.advance(100);
    expect(purchases.flushes).toEqual([
      { at: 100, sent: ["a", "b", "c"] },
      { at: 200, sent: ["d", "e"] },
    ]);
    await Promise.all(lastBuys);
  });

  it("once a short wave of releases was not the last (a release came after it), short waves wait batchWindowMaxMs", async () => {
    const { time, flushes, operation } = gateOnFakeClock();
    const first = ["a", "b", "c"].map((n) => operation(n, { release: true }));
    await time.advance(100);
    await Promise.all(first);
    const paused = ["d", "e"].map((n) => operation(n, { release: true }));
    await time.advance(200);
    await Promise.all(paused);
    // The third of that wave, after the engine's pause of 200 ms: the wave was not the last.
    const late = [operation("f", { release: true })];
    await time.advance(999);
    expect(flushes.map((f) => f.at)).toEqual([100, 300]);
    await time.advance(1);
    expect(flushes.at(-1)).toEqual({ at: 1_300, sent: ["f"] });
    await Promise.all(late);
  });

  it("nothing is sent while a check is open; its end starts the quiet window again", async () => {
    const { gate, time, flushes, operation } = gateOnFakeClock();
    gate.checkStarted();
    const first = operation("a");
    await time.advance(5_000);
    expect(flushes).toEqual([]);
    gate.checkFinished();
    await time.advance(99);
    expect(flushes).toEqual([]);
    await time.advance(1);
    expect(flushes).toEqual([{ at: 5_100, sent: ["a"] }]);
    await first;
  });

  it("a gathering the engine keeps feeding (or a check that never ends) is sent batchMaxWaitMs after it began", async () => {
    const { gate, time, flushes, operation } = gateOnFakeClock({
      ...tuning,
      batchMaxWaitMs: 1_000,
    });
    const fed = [operation("a")];
    for (let i = 1; i <= 11; i++) {
      await time.advance(90);
      fed.push(operation(`n${i}`));
    }
    await time.advance(9);
    expect(flushes).toEqual([]);
    await time.advance(1);
    expect(flushes).toEqual([
      { at: 1_000, sent: ["a", ...Array.from({ length: 11 }, (_, i) => `n${i + 1}`)] },
    ]);
    await Promise.all(fed);
    gate.checkStarted();
    const waiting = operation("late");
    await time.advance(999);
    expect(flushes).toHaveLength(1);
    await time.advance(1);
    expect(flushes[1]).toEqual({ at: 2_000, sent: ["late"] });
    await waiting;
  });

  it("the quiet window grows to 4 times the engine's typical gap, up to batchWindowMaxMs", async () => {
    const { gate, time, operation } = gateOnFakeClock({
      ...tuning,
      batchWindowMs: 75,
      batchWindowMaxMs: 250,
    });
    expect(gate.quietWindowMs()).toBe(75);
    const fed = [operation("a")];
    await time.advance(60);
    fed.push(operation("b"));
    expect(gate.quietWindowMs()).toBe(240);
    await time.advance(70);
    fed.push(operation("c"));
    expect(gate.quietWindowMs()).toBe(250);
    await time.advance(250);
    await Promise.all(fed);
  });

  it("waits for the engine to show every resource's state: batchWindowMaxMs after the last diff, with no check open", async () => {
    const { gate, time } = gateOnFakeClock();
    await time.advance(5_000);
    gate.stateShown();
    let shown = false;
    void gate.untilEngineShownAll().then(() => (shown = true));
    await time.advance(500);
    gate.stateShown();
    await time.advance(999);
    expect(shown).toBe(false);
    await time.advance(50);
    expect(shown).toBe(true);
  });
});
