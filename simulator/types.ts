// Plain types shared by the simulator's modules and its users. No runtime code lives here so
// that importing the types never drags the server in.

export type DidType = "geographic" | "national" | "mobile" | "tollfree";

export type CallType = "landline" | "cellular" | "payphone";

/** The HTTP statuses the simulator can inject before a request has any effect. */
export type FaultStatus = 429 | 500 | 503;

export interface FaultSettings {
  /** Added to every answer, faults and errors included. */
  latencyMs?: number;
  /**
   * Probability (0..1) of answering with a status instead of serving the request, keyed by
   * service name or "*" for every service. A service's own rate for a status replaces the "*"
   * rate for that status.
   */
  errorRates?: Record<string, Partial<Record<FaultStatus, number>>>;
  /** tel_purchase only: commit the purchase, then destroy the socket without answering. */
  dropAfterPurchase?: number;
  /** tel_purchase only: commit the purchase, then answer 500. */
  failAfterCommit?: number;
}

/** Kinds counted by faultCounts(). */
export type FaultKind = "429" | "500" | "503" | "dropAfterPurchase" | "failAfterCommit";

/** A number the account owns, exactly as tel_list_numbers describes it. */
export interface OwnedNumber {
  country: string;
  /** Only for numbers whose region lies in a state (countries with states). */
  state?: string;
  region: string;
  price: string;
  /** YYYY-MM-DD, UTC date of the simulator clock at purchase. */
  purchased: string;
  did_type: DidType;
}

export interface RegulationAddress {
  country: string;
  region: string;
  state?: string;
}

export interface RecordedRequest {
  service: string;
  method: string;
  /** Values after URL/form decoding and \uXXXX decoding; first occurrence of a duplicate. */
  params: Record<string, string>;
  /** Values after URL/form decoding only, as the client spelled them. */
  rawParams: Record<string, string>;
  accept: string | undefined;
  /** "<cloudId>/<username>" when the credentials were accepted, else null. */
  authorizedUser: string | null;
  /** The injected fault that answered this request, if any. */
  fault?: FaultKind;
}

export interface Credentials {
  cloudId: string;
  username: string;
  apiKey: string;
}

export interface SimulatorOptions {
  /** 0 = any free port (default 0). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default "1-2-0". */
  cloudId?: string;
  /** Default "bob@example.com". */
  username?: string;
  /** Default "aculab-simulator-dev-key". */
  apiKey?: string;
  statePath?: string;
  stockPerRegion?: number;
  listingDelayMs?: number;
  faults?: FaultSettings;
  seed?: number;
  now?: () => Date;
  inboundServices?: string[];
  regulationAddresses?: Record<string, RegulationAddress>;
}

export interface RunningSimulator {
  /** http://HOST:PORT */
  url: string;
  credentials: Credentials;
  /** Replaces the whole fault configuration; setFaults({}) switches faults off. */
  setFaults(f: FaultSettings): void;
  faultCounts(): Record<FaultKind, number>;
  ownedNumbers(): Record<string, OwnedNumber>;
  requests(): RecordedRequest[];
  callCounts(): Record<string, number>;
  resetRequestLog(): void;
  /**
   * Resolves once no request is being handled: a request whose client went away (a killed
   * process) is still carried out, as Aculab would, and this is when it has been.
   */
  idle(): Promise<void>;
  /** Closes the listener and every open socket; resolves once closed. */
  stop(): Promise<void>;
}
