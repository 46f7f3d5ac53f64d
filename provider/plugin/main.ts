import * as grpc from "@grpc/grpc-js";
import { ResourceProviderService } from "@pulumi/pulumi/proto/provider_grpc_pb";
import { errorMessage } from "../../common/errorMessage";
import { engineAddressOf, engineLogger } from "../engine";
import { defaultTuning, ProviderSession } from "../resources";
import { AculabProviderService } from "./server";

/**
 * Starts the plugin as the engine expects of every resource provider: serve pulumirpc.ResourceProvider
 * on a free port of 127.0.0.1 and print that port as the first line of stdout. Nothing else is
 * ever written to stdout. The provider is wired here, once: the default tuning, and a logger that
 * reaches the engine at the address the engine passes (the last of its arguments).
 */
export async function main(args: string[] = []): Promise<void> {
  process.on("unhandledRejection", (reason) => {
    process.stderr.write(`pulumi-resource-aculab: ${errorMessage(reason)}\n`);
  });
  const session = new ProviderSession(defaultTuning, engineLogger(engineAddressOf(args)));
  const server = new grpc.Server({
    "grpc.max_receive_message_length": 400 * 1024 * 1024,
    "grpc.max_send_message_length": 400 * 1024 * 1024,
  });
  server.addService(ResourceProviderService, new AculabProviderService(session).handlers);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  process.stdout.write(`${port}\n`);
}
