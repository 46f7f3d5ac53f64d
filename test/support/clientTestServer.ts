// Test helpers for the client: a canned HTTP server for answers the simulator never gives
// (garbage, redirects, silence), and a client wired to any such server with the canary key.

import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";

import { CANARY_API_KEY } from "../../harness/deployment";
import { AculabClient, AculabClientOptions } from "../../provider/client/client";
import { AculabError } from "../../provider/client/errors";
import { startSimulator } from "../../simulator";
import type { RunningSimulator, SimulatorOptions } from "../../simulator";

export const TEST_CLOUD_ID = "1-2-0";
export const TEST_USERNAME = "bob@example.com";

/** What a canned server saw: the raw request, before any decoding. */
export interface CannedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * An answer to send, "hang" to never answer, "drop" to close the connection unanswered, or
 * "trickle" to start a 200 and then send a space every 20 ms without ever finishing it.
 */
export type CannedAnswer =
  { status: number; body?: string; headers?: Record<string, string> } | "hang" | "drop" | "trickle";

export interface CannedServer {
  url: string;
  requests: CannedRequest[];
  stop(): Promise<void>;
}

/** `answer` gets each request and its 0-based position, so a server can fail twice then succeed. */
export async function startCannedServer(
  answer: (request: CannedRequest, index: number) => CannedAnswer,
  host = "127.0.0.1",
): Promise<CannedServer> {
  const requests: CannedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request: CannedRequest = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(request);
      const reply = answer(request, requests.length - 1);
      if (reply === "hang") return;
      if (reply === "drop") {
        req.socket.destroy();
        return;
      }
      if (reply === "trickle") {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.write("[");
        const ticker = setInterval(() => res.write(" "), 20);
        res.on("close", () => clearInterval(ticker));
        return;
      }
      res.writeHead(reply.status, reply.headers ?? {});
      res.end(reply.body ?? "");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const jsonAnswer = (status: number, value: unknown): CannedAnswer => ({
  status,
  body: JSON.stringify(value),
  headers: { "Content-Type": "application/json" },
});

/** A URL on which nothing listens: a port that was free a moment ago. */
export async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** Retries fast enough for tests; a test that counts attempts sets maxAttempts itself. */
export const FAST_RETRY = { baseDelayMs: 1, maxDelayMs: 5 };

export function clientFor(
  endpoint: string,
  options: Partial<AculabClientOptions> = {},
): AculabClient {
  return new AculabClient({
    cloudId: TEST_CLOUD_ID,
    username: TEST_USERNAME,
    apiKey: CANARY_API_KEY,
    endpoint,
    retry: FAST_RETRY,
    ...options,
  });
}

/** A simulator that knows the test client's credentials (the canary key), with `options` besides. */
export function startTestSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({
    apiKey: CANARY_API_KEY,
    cloudId: TEST_CLOUD_ID,
    username: TEST_USERNAME,
    ...options,
  });
}

/**
 * An ErrorCollector for a test file. Once the file's tests have run it checks that they provoked
 * errors, and that none shows the canary key, nor any of `otherKeys`.
 */
export function collectedErrors(...otherKeys: string[]): ErrorCollector {
  const errors = new ErrorCollector();
  afterAll(() => {
    expect(errors.count).toBeGreaterThan(0);
    expect(errors.leaks(CANARY_API_KEY)).toEqual([]);
    for (const key of otherKeys) expect(errors.leaks(key)).toEqual([]);
  });
  return errors;
}

/**
 * Every error a test file provokes, so that one final check proves the key leaked into none of
 * them: not the message, the stack or any property.
 */
export class ErrorCollector {
  private readonly errors: unknown[] = [];

  /** The AculabError a promise rejects with (anything else fails the test). */
  async aculabError(promise: Promise<unknown>): Promise<AculabError> {
    const error = await this.rejection(promise);
    if (!(error instanceof AculabError)) {
      throw new Error(`expected an AculabError, got ${inspect(error)}`);
    }
    return error;
  }

  async rejection(promise: Promise<unknown>): Promise<unknown> {
    try {
      await promise;
    } catch (error) {
      this.errors.push(error);
      return error;
    }
    throw new Error("expected the call to fail, but it succeeded");
  }

  thrownBy(run: () => unknown): unknown {
    try {
      run();
    } catch (error) {
      this.errors.push(error);
      return error;
    }
    throw new Error("expected the call to throw, but it returned");
  }

  get count(): number {
    return this.errors.length;
  }

  /** Descriptions of the errors that show the key or its Basic-auth encoding, never the text itself. */
  leaks(apiKey: string): string[] {
    const basic = Buffer.from(`${TEST_CLOUD_ID}/${TEST_USERNAME}:${apiKey}`).toString("base64");
    return this.errors
      .filter((error) => {
        const seen = [
          String(error),
          error instanceof Error ? (error.stack ?? "") : "",
          inspect(error, { depth: 10, showHidden: true }),
          JSON.stringify(error) ?? "",
        ].join("\n");
        return seen.includes(apiKey) || seen.includes(basic);
      })
      .map((error) =>
        error instanceof AculabError
          ? `${error.service} ${error.code}`
          : error instanceof Error
            ? error.name
            : typeof error,
      );
  }
}

/**
 * A key shaped like a base64 secret, with "/", "+" and "=" so that its URL-encoded form differs
 * from it, and no run of four characters that an error text could hold by chance.
 */
export const SPLIT_TEST_KEY = "sk7Qm/Vx9+Lr3Tz8=Kp2Wn6Yb4Hc5Jd1";

/** The forms of a key the client scrubs: as is, URL-encoded, base64, and the Basic-auth value. */
export function keyForms(apiKey: string): string[] {
  const basic = Buffer.from(`${TEST_CLOUD_ID}/${TEST_USERNAME}:${apiKey}`).toString("base64");
  return [apiKey, encodeURIComponent(apiKey), Buffer.from(apiKey).toString("base64"), basic];
}

/**
 * The pieces of `apiKey`, in any form the client scrubs, that `seen` holds: every run of 4 or
 * more characters of a form counts, so half a key cut off by a preview is caught too.
 */
export function keyPiecesIn(seen: string, apiKey: string, length = 4): string[] {
  const pieces = new Set<string>();
  for (const form of keyForms(apiKey)) {
    for (let i = 0; i + length <= form.length; i++) {
      const piece = form.slice(i, i + length);
      if (seen.includes(piece)) pieces.add(piece);
    }
  }
  return [...pieces];
}

/** Everything an error shows: its message, stack, properties and cause chain. */
export function everythingShownBy(error: unknown): string {
  return [
    String(error),
    error instanceof Error ? (error.stack ?? "") : "",
    inspect(error, { depth: 10, showHidden: true }),
  ].join("\n");
}
