import { closedPortUrl } from "../../test/support/clientTestServer";
import { eachTest } from "../../test/support/eachTest";
import { EngineLogServer, startEngineLogServer } from "../../harness/engineLogServer";
import { engineLogger } from "./engineLogger";

describe("engineLogger", () => {
  let engine: EngineLogServer;
  eachTest(startEngineLogServer, (started) => (engine = started));

  it("sends each message to the engine's Log, in order: debug lines and warnings, a warning on its resource when given a URN", async () => {
    const written: string[] = [];
    const logger = engineLogger(engine.address, (text) => written.push(text));
    const urn = "urn:pulumi:dev::aculab-program::aculab:index:InboundNumber::support";
    logger.debug("aculab: tel_purchase answered HTTP 200 in 23 ms");
    logger.warn("aculab: number 441908538001 was not released", urn);
    logger.warn("aculab: tel_list_numbers answered an empty listing");
    expect(await engine.received(3)).toEqual([
      { severity: "debug", message: "aculab: tel_purchase answered HTTP 200 in 23 ms", urn: "" },
      { severity: "warning", message: "aculab: number 441908538001 was not released", urn },
      {
        severity: "warning",
        message: "aculab: tel_list_numbers answered an empty listing",
        urn: "",
      },
    ]);
    expect(written).toEqual([]);
  });

  it.each([
    ["no engine address", async () => undefined],
    ["an engine that is gone", async () => (await closedPortUrl()).replace("http://", "")],
  ])("with %s, a warning goes to stderr and a debug line nowhere", async (_case, addressOf) => {
    const written: string[] = [];
    let wroteLast: () => void;
    const done = new Promise<void>((resolve) => (wroteLast = resolve));
    const logger = engineLogger(await addressOf(), (text) => {
      written.push(text);
      if (text === "last\n") wroteLast();
    });
    logger.debug("aculab: tel_purchase answered HTTP 200 in 23 ms");
    logger.warn("aculab: number 441908538001 was not released", "urn:pulumi:dev::p::t::n");
    // Messages are handled in order: once the last is written, the others have been.
    logger.warn("last");
    await done;
    expect(written).toEqual(["aculab: number 441908538001 was not released\n", "last\n"]);
  });
});
