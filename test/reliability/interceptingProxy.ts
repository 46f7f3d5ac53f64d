import * as http from "node:http";
import type { AddressInfo } from "node:net";

export interface Exchange {
  status: number;
  body: string;
}

/** What the client receives: an answer, or nothing at all (the connection stays open). */
export type ProxyReply = Exchange | "hang";

/**
 * Decides each request's fate. `forward` passes the request (or a rewritten form body) to the
 * simulator and returns its answer, so a handler can let Aculab commit and then lose or mangle
 * the answer, the failures the simulator alone cannot produce.
 */
export type ProxyHandler = (
  service: string,
  body: URLSearchParams,
  forward: (body?: URLSearchParams) => Promise<Exchange>,
) => Promise<ProxyReply>;

export interface InterceptingProxy {
  url: string;
  stop(): Promise<void>;
}

/** A proxy on 127.0.0.1 in front of the simulator, for faults between Aculab and the client. */
export async function startInterceptingProxy(
  target: string,
  handler: ProxyHandler,
): Promise<InterceptingProxy> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const service = (req.url ?? "").replace(/^\/+/, "").split("?")[0];
      const forward = async (
        body = new URLSearchParams(Buffer.concat(chunks).toString("utf8")),
      ) => {
        const answer = await fetch(`${target}/${service}`, {
          method: "POST",
          headers: {
            authorization: req.headers.authorization ?? "",
            "content-type": "application/x-www-form-urlencoded",
          },
          body: body.toString(),
        });
        return { status: answer.status, body: await answer.text() };
      };
      let reply: ProxyReply;
      try {
        reply = await handler(
          service,
          new URLSearchParams(Buffer.concat(chunks).toString("utf8")),
          forward,
        );
      } catch {
        // The simulator dropped the connection: so does the proxy.
        req.socket.destroy();
        return;
      }
      if (reply === "hang") return;
      res.writeHead(reply.status, { "content-type": "application/json" }).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
