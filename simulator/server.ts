// The HTTP front of the simulator: plain node:http, so it starts in milliseconds inside a
// test and behaves like the real endpoint down to status codes and dropped sockets.

import * as http from "node:http";
import type { AddressInfo } from "node:net";

import { errorMessage } from "../common/errorMessage";
import { Account } from "./account";
import { authorize, expectedUser } from "./auth";
import { ErrorAnswer, ErrorCode } from "./errors";
import { Faults } from "./faults";
import {
  DEFAULT_INBOUND_SERVICES,
  DEFAULT_REGULATION_ADDRESSES,
  DEFAULT_STOCK_PER_REGION,
} from "./inventory";
import { decodeUnicodeEscapes, firstValues, Params, receiveParams } from "./params";
import { SERVICES } from "./services";
import type { ServiceContext } from "./serviceContext";
import type {
  Credentials,
  FaultStatus,
  RecordedRequest,
  RunningSimulator,
  SimulatorOptions,
} from "./types";

export const DEFAULT_CLOUD_ID = "1-2-0";
export const DEFAULT_USERNAME = "bob@example.com";
/** The simulator's own key: printing it is harmless, it opens nothing real. */
export const DEVELOPMENT_API_KEY = "aculab-simulator-dev-key";
export const DEFAULT_SEED = 1;

const MAX_BODY_BYTES = 1024 * 1024;

const FAULT_TEXT: Record<FaultStatus, string> = {
  429: "Too many requests (injected by the simulator)",
  500: "Internal server error (injected by the simulator)",
  503: "Service temporarily unavailable (injected by the simulator)",
};

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const credentials: Credentials = {
    cloudId: options.cloudId ?? DEFAULT_CLOUD_ID,
    username: options.username ?? DEFAULT_USERNAME,
    apiKey: options.apiKey ?? DEVELOPMENT_API_KEY,
  };
  const stockPerRegion = options.stockPerRegion ?? DEFAULT_STOCK_PER_REGION;
  const listingDelayMs = options.listingDelayMs ?? 0;
  if (!Number.isInteger(stockPerRegion) || stockPerRegion < 0) {
    throw new Error(`stockPerRegion must be a non-negative integer, got ${stockPerRegion}`);
  }
  if (!(Number.isFinite(listingDelayMs) && listingDelayMs >= 0)) {
    throw new Error(`listingDelayMs must be a non-negative number, got ${listingDelayMs}`);
  }
  const account = new Account({
    statePath: options.statePath,
    stockPerRegion,
    listingDelayMs,
    now: options.now ?? (() => new Date()),
  });
  const faults = new Faults(options.faults ?? {}, options.seed ?? DEFAULT_SEED);
  const ctx: ServiceContext = {
    account,
    inboundServices: [...(options.inboundServices ?? DEFAULT_INBOUND_SERVICES)],
    regulationAddresses: structuredClone(
      options.regulationAddresses ?? DEFAULT_REGULATION_ADDRESSES,
    ),
  };

  let log: RecordedRequest[] = [];
  let counts: Record<string, number> = {};
  const timers = new Set<NodeJS.Timeout>();
  const delay = (ms: number) =>
    ms <= 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const t = setTimeout(() => {
            timers.delete(t);
            resolve();
          }, ms);
          timers.add(t);
        });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://simulator");
    const service = url.pathname.replace(/^\/+|\/+$/g, "");
    const method = req.method ?? "GET";
    const body = await readBody(req);
    const formBody = isForm(req) ? body : undefined;
    const received = receiveParams(url.search, formBody);
    const rawParams = firstValues(received.pairs);
    const record: RecordedRequest = {
      service,
      method,
      params: decodedForLog(rawParams),
      rawParams,
      accept: req.headers.accept,
      authorizedUser: null,
    };
    log.push(record);
    counts[service] = (counts[service] ?? 0) + 1;

    await delay(faults.latencyMs());
    try {
      const definition = Object.hasOwn(SERVICES, service) ? SERVICES[service] : undefined;
      if (!definition) {
        throw new ErrorAnswer(ErrorCode.unknownService, `No service at ${url.pathname}`, 404);
      }
      if (method !== "GET" && method !== "POST") {
        res.setHeader("Allow", "GET, POST");
        throw new ErrorAnswer(ErrorCode.methodNotAllowed, `Use GET or POST, not ${method}`, 405);
      }
      if (body === undefined) {
        throw new ErrorAnswer(ErrorCode.bodyTooLarge, "Request body too large", 413);
      }
      if (method === "POST" && formBody === undefined && body.length > 0) {
        throw new ErrorAnswer(
          ErrorCode.malformed,
          "POST bodies must be application/x-www-form-urlencoded",
        );
      }

      const status = faults.beforeRequest(service);
      if (status !== undefined) {
        record.fault = String(status) as RecordedRequest["fault"];
        if (status === 429) res.setHeader("Retry-After", "1");
        throw new ErrorAnswer(`0${status}`, FAULT_TEXT[status], status);
      }

      const user = authorize(req.headers.authorization, credentials);
      if (user === null) {
        res.setHeader("WWW-Authenticate", 'Basic realm="Aculab Cloud simulator"');
        throw new ErrorAnswer(
          ErrorCode.authFailed,
          `Authentication failed: use '${expectedUser(credentials)}' as the user name and the ` +
            "account's API access key as the password",
          401,
        );
      }
      record.authorizedUser = user;

      const answer = definition.handle(new Params(received, definition.params), ctx);

      if (service === "tel_purchase") {
        const after = faults.afterPurchaseCommit();
        if (after === "dropAfterPurchase") {
          record.fault = after;
          res.socket?.destroy();
          return;
        }
        if (after === "failAfterCommit") {
          record.fault = after;
          throw new ErrorAnswer(ErrorCode.internal, FAULT_TEXT[500], 500);
        }
      }
      sendJson(res, 200, answer);
    } catch (e) {
      if (e instanceof ErrorAnswer) {
        sendJson(res, e.httpStatus, e.body());
      } else {
        const text = `Internal simulator error: ${errorMessage(e)}`;
        sendJson(res, 500, new ErrorAnswer(ErrorCode.internal, text, 500).body());
      }
    }
  }

  let active = 0;
  let idleWaiters: Array<() => void> = [];
  const server = http.createServer((req, res) => {
    active++;
    handle(req, res)
      .catch((e: unknown) => {
        // Only reached if answering itself failed (socket gone): nothing left to tell the client.
        res.destroy(e instanceof Error ? e : undefined);
      })
      .finally(() => {
        if (--active === 0) {
          const waiters = idleWaiters;
          idleWaiters = [];
          for (const resolve of waiters) resolve();
        }
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  let stopping: Promise<void> | undefined;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    credentials: { ...credentials },
    setFaults: (f) => faults.set(f),
    faultCounts: () => faults.countsSnapshot(),
    ownedNumbers: () => account.ownedNumbers(),
    requests: () => structuredClone(log),
    callCounts: () => ({ ...counts }),
    resetRequestLog: () => {
      log = [];
      counts = {};
    },
    idle: () =>
      active === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve)),
    // Idempotent so that test teardown can always call it.
    stop: () =>
      (stopping ??= new Promise<void>((resolve, reject) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      })),
  };
}

/** Resolves to undefined when the body exceeds the limit, so the caller can answer 413. */
function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    let ended = false;
    req.on("end", () => {
      ended = true;
      resolve(tooLarge ? undefined : Buffer.concat(chunks).toString("utf8"));
    });
    req.on("error", reject);
    // A client that went away mid-body: nothing to serve (and idle() must not wait for it).
    req.on("close", () => ended || reject(new Error("request closed before its body ended")));
  });
}

function isForm(req: http.IncomingMessage): boolean {
  const type = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  return req.method === "POST" && type === "application/x-www-form-urlencoded";
}

/** The log shows decoded values wherever they decode, and the raw value where they do not. */
function decodedForLog(raw: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    try {
      out[name] = decodeUnicodeEscapes(name, value);
    } catch {
      out[name] = value;
    }
  }
  return out;
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  if (res.destroyed || res.headersSent) return;
  const text = JSON.stringify(value);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(text);
}
