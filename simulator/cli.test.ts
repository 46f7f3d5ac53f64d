// The CLI's flags and its start/stop behaviour, run in-process with captured output.

import { describeKey, main, parseArgs, USAGE } from "./cli";
import { call } from "../test/support/simulatorCalls";
import type { RunningSimulator } from "./types";

function captureIo(env: NodeJS.ProcessEnv = {}) {
  const io = {
    out: [] as string[],
    err: [] as string[],
    exitCode: undefined as number | undefined,
    shutdown: undefined as (() => void) | undefined,
  };
  return {
    io,
    cli: {
      env,
      out: (line: string) => io.out.push(line),
      err: (line: string) => io.err.push(line),
      onShutdownSignal: (handler: () => void) => {
        io.shutdown = handler;
      },
      setExitCode: (code: number) => {
        io.exitCode = code;
      },
    },
  };
}

describe("parseArgs", () => {
  test("defaults: port 8080, credentials from the environment", () => {
    const cmd = parseArgs([], {
      ACULAB_CLOUD_ID: "5-5-5",
      ACULAB_USERNAME: "ci@x",
      ACULAB_API_KEY: "k",
    });
    expect(cmd).toEqual({
      help: false,
      options: {
        port: 8080,
        host: undefined,
        statePath: undefined,
        cloudId: "5-5-5",
        username: "ci@x",
        apiKey: "k",
        stockPerRegion: undefined,
        listingDelayMs: undefined,
        seed: undefined,
        faults: {},
      },
    });
  });

  test("every flag, in both --flag value and --flag=value forms; flags beat env", () => {
    const cmd = parseArgs(
      [
        "--port=0",
        "--host",
        "::1",
        "--state",
        "/tmp/s.json",
        "--cloud-id",
        "1-1-1",
        "--username=u@x",
        "--api-key",
        "flag-key",
        "--stock",
        "5",
        "--listing-delay",
        "250",
        "--latency",
        "10",
        "--error-rate",
        "503=0.2",
        "--error-rate",
        "tel_list_numbers:429=0.05",
        "--drop-after-purchase",
        "0.1",
        "--fail-after-commit=0.3",
        "--seed",
        "9",
      ],
      { ACULAB_API_KEY: "env-key" },
    );
    expect(cmd).toEqual({
      help: false,
      options: {
        port: 0,
        host: "::1",
        statePath: "/tmp/s.json",
        cloudId: "1-1-1",
        username: "u@x",
        apiKey: "flag-key",
        stockPerRegion: 5,
        listingDelayMs: 250,
        seed: 9,
        faults: {
          latencyMs: 10,
          dropAfterPurchase: 0.1,
          failAfterCommit: 0.3,
          errorRates: { "*": { 503: 0.2 }, tel_list_numbers: { 429: 0.05 } },
        },
      },
    });
  });

  test("--help wins", () => {
    expect(parseArgs(["--port", "1", "--help"], {})).toEqual({ help: true });
  });

  test.each([
    [["--bogus"], "Unknown argument '--bogus'"],
    [["--port"], "--port needs a value"],
    [["--port", "http"], "--port must be a port number"],
    [["--stock", "-1"], "--stock must be a non-negative whole number"],
    [
      ["--error-rate", "404=1"],
      "--error-rate '404=1' must look like [service:]status=rate, status 429, 500 or 503, rate 0..1",
    ],
    [
      ["--error-rate", "503=1.5"],
      "--error-rate '503=1.5' must look like [service:]status=rate, status 429, 500 or 503, rate 0..1",
    ],
    [["--drop-after-purchase", "2"], "--drop-after-purchase must be a rate between 0 and 1"],
    [["--seed", "1", "--seed", "2"], "--seed given more than once"],
  ])("%j is refused: %s", (argv, message) => {
    expect(() => parseArgs(argv, {})).toThrow(message);
  });
});

test("describeKey shows only the development key whole", () => {
  expect(describeKey("aculab-simulator-dev-key")).toBe(
    "aculab-simulator-dev-key (the simulator's development key)",
  );
  expect(describeKey("0123456789abcdefWXYZ")).toBe("********WXYZ");
  expect(describeKey("short")).toBe("********");
});

describe("main", () => {
  let sim: RunningSimulator | undefined;
  afterEach(async () => {
    await sim?.stop();
    sim = undefined;
  });

  test("starts, prints where and how to connect, masks a chosen key, stops on signal", async () => {
    const { io, cli } = captureIo({ ACULAB_API_KEY: "a-secret-key-from-env-1234" });
    sim = await main(["--port", "0", "--fail-after-commit", "1"], cli);
    expect(sim?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const running = sim as RunningSimulator;
    expect(io.out).toEqual([
      `Aculab Cloud simulator listening on ${running.url}`,
      "  user:     1-2-0/bob@example.com",
      "  password: ********1234",
      "  state:    in memory (lost on exit)",
    ]);
    expect(io.out.join("\n")).not.toContain("a-secret-key-from-env");
    const res = await call(running, "tel_purchase", { country: "Spain", region: "Bilbao" });
    expect(res.status).toBe(500);

    io.shutdown?.();
    await running.stop();
    await new Promise((r) => setImmediate(r));
    expect(io.out[io.out.length - 1]).toBe("Aculab Cloud simulator stopped");
    await expect(fetch(`${running.url}/tel_list_numbers`)).rejects.toThrow();
  });

  test("prints the development key when none is chosen", async () => {
    const { io, cli } = captureIo();
    sim = await main(["--port", "0"], cli);
    expect(io.out[2]).toBe(
      "  password: aculab-simulator-dev-key (the simulator's development key)",
    );
  });

  test("--help prints usage and starts nothing", async () => {
    const { io, cli } = captureIo();
    expect(await main(["--help"], cli)).toBeUndefined();
    expect(io.out).toEqual([USAGE]);
    expect(io.exitCode).toBeUndefined();
  });

  test("a usage error prints it with the usage and exits 2", async () => {
    const { io, cli } = captureIo();
    expect(await main(["--nope"], cli)).toBeUndefined();
    expect(io.err).toEqual([`aculab-simulator: Unknown argument '--nope'\n\n${USAGE}`]);
    expect(io.exitCode).toBe(2);
  });

  test("a port already taken is reported and exits 1", async () => {
    const first = captureIo();
    sim = await main(["--port", "0"], first.cli);
    const port = new URL((sim as RunningSimulator).url).port;
    const second = captureIo();
    expect(await main(["--port", port], second.cli)).toBeUndefined();
    expect(second.io.err[0]).toMatch(/^aculab-simulator: cannot start: listen EADDRINUSE/);
    expect(second.io.exitCode).toBe(1);
  });
});
