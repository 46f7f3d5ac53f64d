import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { EngineService } from "@pulumi/pulumi/proto/engine_grpc_pb";
import { LogRequest, LogSeverity } from "@pulumi/pulumi/proto/engine_pb";

export interface EngineLogEntry {
  severity: "debug" | "info" | "warning" | "error";
  message: string;
  /** "" when the message is on no resource. */
  urn: string;
}

const SEVERITIES: Record<LogSeverity, EngineLogEntry["severity"]> = {
  [LogSeverity.DEBUG]: "debug",
  [LogSeverity.INFO]: "info",
  [LogSeverity.WARNING]: "warning",
  [LogSeverity.ERROR]: "error",
};

/**
 * The engine's pulumirpc.Engine service as far as a provider uses it: Log, recorded in order. The
 * harness serves it to the hosts it starts, as the engine does, at the address it passes them.
 */
export interface EngineLogServer {
  address: string;
  entries: EngineLogEntry[];
  /** Resolves once `count` messages have arrived (the provider sends them without waiting). */
  received(count: number): Promise<EngineLogEntry[]>;
  stop(): Promise<void>;
}

export async function startEngineLogServer(): Promise<EngineLogServer> {
  const entries: EngineLogEntry[] = [];
  const waiting: Array<{ count: number; resolve: (entries: EngineLogEntry[]) => void }> = [];
  const server = new grpc.Server();
  server.addService(EngineService, {
    log(call: grpc.ServerUnaryCall<LogRequest, Empty>, callback: grpc.sendUnaryData<Empty>) {
      const request = call.request;
      entries.push({
        severity: SEVERITIES[request.getSeverity()],
        message: request.getMessage(),
        urn: request.getUrn(),
      });
      for (const wait of waiting.filter((w) => entries.length >= w.count)) {
        waiting.splice(waiting.indexOf(wait), 1);
        wait.resolve([...entries]);
      }
      callback(null, new Empty());
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return {
    address: `127.0.0.1:${port}`,
    entries,
    received: (count) =>
      entries.length >= count
        ? Promise.resolve([...entries])
        : new Promise((resolve) => waiting.push({ count, resolve })),
    stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}
