import * as grpc from "@grpc/grpc-js";
import { EngineClient } from "@pulumi/pulumi/proto/engine_grpc_pb";
import { LogRequest, LogSeverity } from "@pulumi/pulumi/proto/engine_pb";
import type { Logger } from "../client";

/** Where a warning goes when the engine cannot be told: the provider's stderr, which the engine shows. */
export type FallbackWriter = (text: string) => void;

const writeStderr: FallbackWriter = (text) => process.stderr.write(text);

/**
 * A Logger that reaches the engine through its Engine service (`Log`: severity, message, URN), at
 * the address the engine starts every provider with (engineAddress.ts): debug lines show with
 * `pulumi up --debug` or `-v=9 --logtostderr`, warnings always, on their resource when the URN is
 * given. Both doors use it: the native plugin, and the dynamic door, whose host (Pulumi's
 * `cmd/dynamic-provider`) gets the same address but never connects `pulumi.log` to it (pulumi/pulumi
 * #6065), so `pulumi.log` there only writes to the console. Messages are sent one at a time, in
 * order; a warning the engine cannot take (no address, a dead one) is written to stderr instead,
 * and a debug line is dropped, as `pulumi.log` does.
 */
export function engineLogger(
  address: string | undefined,
  fallback: FallbackWriter = writeStderr,
): Logger {
  if (address === undefined) {
    return {
      debug: () => undefined,
      warn: (message) => fallback(`${message}\n`),
      drained: () => Promise.resolve(),
    };
  }
  let engine: EngineClient | undefined;
  let last: Promise<void> = Promise.resolve();
  const send = (severity: LogSeverity, message: string, urn = "") => {
    engine ??= new EngineClient(address, grpc.credentials.createInsecure());
    const client = engine;
    const request = new LogRequest().setSeverity(severity).setMessage(message).setUrn(urn);
    last = last.then(
      () =>
        new Promise<void>((resolve) =>
          client.log(request, (error) => {
            if (error && severity !== LogSeverity.DEBUG) fallback(`${message}\n`);
            resolve();
          }),
        ),
    );
  };
  return {
    debug: (message) => send(LogSeverity.DEBUG, message),
    warn: (message, urn) => send(LogSeverity.WARNING, message, urn),
    drained: () => last,
  };
}
