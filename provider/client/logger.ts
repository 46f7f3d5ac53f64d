/**
 * Where the provider reports what it did to whoever runs it: each front door's entry point gives
 * one that reaches the Pulumi engine (provider/engine), so that `pulumi up --debug` shows every
 * Aculab request and a warning lands on the resource it concerns. Nothing logged may hold a
 * credential: the client scrubs what it logs as it scrubs its errors.
 */
export interface Logger {
  /** Shown by `pulumi up --debug` (or `-v=9 --logtostderr`), hidden otherwise. */
  debug(message: string): void;
  /** Always shown: on the resource `urn` names when the caller knows it, or for the whole run. */
  warn(message: string, urn?: string): void;
  /**
   * Resolves once everything logged so far has been delivered. A door answers the engine only
   * then: the engine may stop a provider as soon as its last operation answers.
   */
  drained(): Promise<void>;
}

/** For what runs with nobody to tell: a client built by a script, an account in a unit test. */
export const silentLogger: Logger = {
  debug: () => undefined,
  warn: () => undefined,
  drained: () => Promise.resolve(),
};
