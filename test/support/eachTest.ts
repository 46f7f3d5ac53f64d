// For describe blocks (or files) whose tests each get a fresh server, simulator or account.

/**
 * Gives each test of the describe block (or file) that calls it a fresh `T`: started before the
 * test and handed to `use`, stopped after it. For tests that keep what they were given; one that
 * starts another stops that one itself.
 */
export function eachTest<T extends { stop(): unknown }>(
  start: () => Promise<T>,
  use: (started: T) => void,
): void {
  let started: T;
  beforeEach(async () => {
    started = await start();
    use(started);
  });
  afterEach(() => started.stop());
}
