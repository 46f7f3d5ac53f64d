import { CANARY_API_KEY } from "../../harness/deployment";
import {
  clientFor,
  closedPortUrl,
  jsonAnswer,
  startCannedServer,
  TEST_USERNAME,
} from "../../test/support/clientTestServer";
import { RecordingLogger } from "../../test/support/recordingLogger";
import { requestLine } from "./requestLog";

describe("requestLine", () => {
  it.each([
    [
      "an answer",
      requestLine("tel_purchase", 23.4),
      "aculab: tel_purchase answered HTTP 200 in 23 ms",
    ],
    [
      "Aculab's refusal",
      requestLine("tel_purchase", 12, { status: 400, code: "0003", outcome: "rejected" }),
      "aculab: tel_purchase answered HTTP 400 [0003] in 12 ms: rejected",
    ],
    [
      "a gateway's 5xx",
      requestLine("tel_purchase", 40, { status: 502, code: "HTTP 502", outcome: "unknown" }),
      "aculab: tel_purchase answered HTTP 502 [HTTP 502] in 40 ms: outcome unknown",
    ],
    [
      "a transport error before sending",
      requestLine("tel_list_numbers", 2.6, { code: "ECONNREFUSED", outcome: "not-sent" }),
      "aculab: tel_list_numbers failed [ECONNREFUSED] in 3 ms: not sent",
    ],
    [
      "a deadline",
      requestLine("tel_purchase", 30_000, { code: "TIMEOUT", outcome: "unknown" }),
      "aculab: tel_purchase failed [TIMEOUT] in 30000 ms: outcome unknown",
    ],
  ])("%s", (_case, line, expected) => expect(line).toBe(expected));
});

describe("the client logs each request at debug level", () => {
  /** A clock that moves 7 ms each time it is read: every request takes 7 ms. */
  const steadyClock = () => {
    let now = 0;
    return () => (now += 7);
  };

  it("one line per request: the service, what came of it and how long it took; a refused parameter is no request", async () => {
    const answers = [
      jsonAnswer(200, ["441908538001"]),
      jsonAnswer(400, { error: { code: "0003", text: "No numbers available" } }),
      { status: 503, body: "" },
      jsonAnswer(200, {}),
    ];
    const server = await startCannedServer((_request, index) => answers[index]);
    const logger = new RecordingLogger();
    const client = clientFor(server.url, { logger, now: steadyClock() });
    try {
      await client.purchaseNumbers({ country: "United Kingdom", region: "Milton Keynes" });
      await expect(
        client.purchaseNumbers({ country: "United Kingdom", region: "London" }),
      ).rejects.toThrow("No numbers available");
      await client.listNumbers();
      await expect(
        client.purchaseNumbers({ country: "United Kingdom", region: "London", quantity: 0 }),
      ).rejects.toThrow("quantity");
    } finally {
      await server.stop();
    }
    expect(logger.entries).toEqual([
      { severity: "debug", message: "aculab: tel_purchase answered HTTP 200 in 7 ms" },
      {
        severity: "debug",
        message: "aculab: tel_purchase answered HTTP 400 [0003] in 7 ms: rejected",
      },
      {
        severity: "debug",
        message: "aculab: tel_list_numbers answered HTTP 503 [HTTP 503] in 7 ms: outcome unknown",
      },
      { severity: "debug", message: "aculab: tel_list_numbers answered HTTP 200 in 7 ms" },
    ]);
  });

  it("a request that never left says so", async () => {
    const logger = new RecordingLogger();
    const client = clientFor(await closedPortUrl(), {
      logger,
      now: steadyClock(),
      retry: { maxAttempts: 1 },
    });
    await expect(client.listNumbers()).rejects.toThrow("ECONNREFUSED");
    expect(logger.debugLines()).toEqual([
      "aculab: tel_list_numbers failed [ECONNREFUSED] in 7 ms: not sent",
    ]);
  });

  it("neither the API key nor the username reaches the log, even when a server echoes them as its code", async () => {
    const echoed = `${CANARY_API_KEY} for ${TEST_USERNAME}`;
    const server = await startCannedServer(() =>
      jsonAnswer(401, { error: { code: echoed, text: "Unauthorized" } }),
    );
    const logger = new RecordingLogger();
    const client = clientFor(server.url, { logger, now: steadyClock() });
    try {
      await expect(
        client.purchaseNumbers({ country: "United Kingdom", region: "Milton Keynes" }),
      ).rejects.toThrow("Unauthorized");
    } finally {
      await server.stop();
    }
    expect(logger.debugLines()).toEqual([
      "aculab: tel_purchase answered HTTP 401 [[redacted] for [redacted]] in 7 ms: rejected",
    ]);
    const logged = JSON.stringify(logger.entries);
    expect(logged).not.toContain(CANARY_API_KEY);
    expect(logged).not.toContain(TEST_USERNAME);
  });
});
