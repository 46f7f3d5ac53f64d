import * as http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Every command of the engine suite runs with this proxy in HTTP_PROXY/HTTPS_PROXY (loopback
 * excepted through NO_PROXY): the CLI, its language hosts, pip, npm, go and our provider all honour
 * those variables, so an attempt to reach beyond loopback (a plugin download, an update check, a
 * registry lookup) arrives here, is refused at once instead of hanging, and is recorded so that the
 * test fails naming it.
 */
export interface NetworkSentry {
  /** The variables that route every command's traffic beyond loopback to the sentry. */
  env: Record<string, string>;
  /** "CONNECT host:port" or "GET http://host/path", in the order they were attempted. */
  attempts(): string[];
  /** Throws naming every attempt so far, if there was one. */
  assertNoneAttempted(during: string): void;
  close(): Promise<void>;
}

export async function startNetworkSentry(): Promise<NetworkSentry> {
  const attempts: string[] = [];
  const refuse = "the engine suite allows no traffic beyond loopback";
  const server = http.createServer((request, response) => {
    attempts.push(`${request.method} ${request.url}`);
    response.writeHead(403, { "content-type": "text/plain" }).end(`${refuse}\n`);
  });
  server.on("connect", (request, socket) => {
    attempts.push(`CONNECT ${request.url}`);
    socket.end(`HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain\r\n\r\n${refuse}\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const proxy = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const loopback = "127.0.0.1,localhost,::1";
  return {
    env: {
      HTTP_PROXY: proxy,
      HTTPS_PROXY: proxy,
      http_proxy: proxy,
      https_proxy: proxy,
      NO_PROXY: loopback,
      no_proxy: loopback,
    },
    attempts: () => [...attempts],
    assertNoneAttempted(during) {
      if (attempts.length > 0) {
        throw new Error(
          `${during} tried to reach beyond loopback (refused by the engine suite's network ` +
            `sentry):\n${attempts.map((attempt) => `  ${attempt}`).join("\n")}`,
        );
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
