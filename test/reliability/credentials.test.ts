import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { CANARY_API_KEY, createDeployment, Deployment } from "../../harness";
import {
  expectNoCanary,
  fleetEnv,
  fleetProgram,
  mixedFaults,
  runLikeAUser,
  shortListingWait,
} from "./fleetAudit";

// Per test and hook: far above the time measured on a loaded machine (docs/testing.md).
jest.setTimeout(300_000);

/**
 * The API key stays in the configuration and the Authorization header to the configured host:
 * never in state, errors or logs, never in clear text off this machine, never handed to a
 * host a redirect points at. Every deployment here runs with the harness's canary key.
 */
const shape = fleetEnv({ FLEET_SIZE: 3, LOCATIONS: 3, BLOCKS: 1, BLOCK_QUANTITY: 2 });

async function withDeployment(
  options: Parameters<typeof createDeployment>[1],
  run: (deployment: Deployment) => Promise<void>,
): Promise<void> {
  const deployment = await createDeployment(fleetProgram, options);
  try {
    await run(deployment);
  } finally {
    await deployment.close();
  }
}

describe("the canary API key appears nowhere", () => {
  it("in the captured registrations, state (with __provider), errors or host logs of a lifecycle under faults", () =>
    withDeployment(
      {
        simulator: { seed: 11, stockPerRegion: 999, faults: mixedFaults },
        config: shortListingWait,
      },
      async (deployment) => {
        const captured = JSON.stringify(await deployment.capture(shape));
        expect(captured).toContain("__provider");
        expect(captured.includes(CANARY_API_KEY)).toBe(false);
        const errors = await runLikeAUser(deployment, () => deployment.up(shape));
        expect(
          [...deployment.engine.state.values()].every(
            (e) => typeof e.inputs.__provider === "string",
          ),
        ).toBe(true);
        expectNoCanary(deployment, errors);
        errors.push(...(await runLikeAUser(deployment, () => deployment.destroy())));
        expectNoCanary(deployment, errors);
      },
    ));

  it("in the errors of a rejected login, which say which settings to check", () =>
    withDeployment({ config: { "aculab:username": "mallory@example.com" } }, async (deployment) => {
      const up = await deployment.up(shape);
      const errors = up.errors.map((e) => e.error!);
      expect(errors).toHaveLength(4);
      for (const error of errors)
        expect(error).toContain("check aculab:cloudId, aculab:username and aculab:apiKey");
      expectNoCanary(deployment, errors);
      expect(deployment.simulator.requests().filter((r) => r.service === "tel_purchase")).toEqual(
        [],
      );
    }));
});

describe("transport", () => {
  it("plain http to a host other than loopback is refused before any request", () =>
    withDeployment(
      { config: { "aculab:endpoint": "http://ws-1-2-0.aculabcloud.net" } },
      async (deployment) => {
        const up = await deployment.up(shape);
        const errors = up.errors.map((e) => e.error!);
        expect(errors).toHaveLength(4);
        for (const error of errors) {
          expect(error).toContain(
            'Aculab endpoint "http://ws-1-2-0.aculabcloud.net" uses plain http',
          );
          expect(error).toContain("use https://");
        }
        expectNoCanary(deployment, errors);
        expect(deployment.engine.state.size).toBe(0);
      },
    ));

  it("a redirect to another host is not followed, so the key is not handed to it", async () => {
    const elsewhere: http.IncomingHttpHeaders[] = [];
    const other = http.createServer((req, res) => {
      elsewhere.push(req.headers);
      res.end("[]");
    });
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    const redirecting = http.createServer((req, res) =>
      res.writeHead(307, { location: `${otherUrl}${req.url}` }).end(),
    );
    await new Promise<void>((resolve) => redirecting.listen(0, "127.0.0.1", resolve));
    try {
      const endpoint = `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}`;
      await withDeployment({ config: { "aculab:endpoint": endpoint } }, async (deployment) => {
        const up = await deployment.up(shape);
        const errors = up.errors.map((e) => e.error!);
        expect(errors.length).toBeGreaterThan(0);
        for (const error of errors)
          expect(error).toContain(
            "redirects are not followed so the API key stays with the configured host",
          );
        expect(elsewhere).toEqual([]);
        expect(deployment.engine.state.size).toBe(0);
        expectNoCanary(deployment, errors);
      });
    } finally {
      other.close();
      redirecting.close();
    }
  });
});
