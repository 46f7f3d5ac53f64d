import * as grpc from "@grpc/grpc-js";
import { Any } from "google-protobuf/google/protobuf/any_pb";
import * as providerProto from "@pulumi/pulumi/proto/provider_pb";
import { Status } from "@pulumi/pulumi/proto/status_pb";
import { errorMessage } from "../../common/errorMessage";
import { Logger } from "../client";
import { ResourcePartiallyCreatedError } from "../resources";
import { toStruct } from "./structs";

/**
 * A failure as the engine reads it. A create or update that bought (or kept) numbers and then failed
 * carries them as ErrorResourceInitFailed details, which the engine records as a partially created
 * resource, so state still holds every number the account pays for.
 */
function serviceError(error: unknown): Partial<grpc.StatusObject> {
  const metadata = new grpc.Metadata();
  if (error instanceof ResourcePartiallyCreatedError) {
    const detail = new providerProto.ErrorResourceInitFailed()
      .setId(error.id)
      .setProperties(toStruct(error.properties))
      .setReasonsList(error.reasons);
    const any = new Any();
    any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    // The status code inside the details must equal the call's code, or gRPC clients discard them.
    const status = new Status().setCode(grpc.status.UNKNOWN).setMessage(error.message);
    status.addDetails(any);
    metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  }
  return { code: grpc.status.UNKNOWN, details: errorMessage(error), metadata };
}

/** A handler that answers once what it logged has reached the engine. */
export function unary<Req, Res>(handler: (request: Req) => Promise<Res>, logger: () => Logger) {
  return (call: grpc.ServerUnaryCall<Req, Res>, callback: grpc.sendUnaryData<Res>) => {
    handler(call.request)
      .finally(() => logger().drained())
      .then(
        (response) => callback(null, response),
        (error) => callback(serviceError(error)),
      );
  };
}
