// The plugin's gRPC handlers in process: what the engine receives when an operation fails half way.

import * as grpc from "@grpc/grpc-js";
import { Any } from "google-protobuf/google/protobuf/any_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as providerProto from "@pulumi/pulumi/proto/provider_pb";
import { Status } from "@pulumi/pulumi/proto/status_pb";

import { CANARY_API_KEY } from "../../harness/deployment";
import { RunningSimulator, startSimulator } from "../../simulator";
import { silentLogger } from "../client";
import { defaultTuning, ProviderSession } from "../resources";
import { resourceTokens } from "./schema";
import { secret } from "./secrets";
import { AculabProviderService } from "./server";

type Props = Record<string, unknown>;

const blockUrn = `urn:pulumi:dev::aculab-program::${resourceTokens.NumberBlock}::sales`;

/** Calls one handler as grpc-js would, resolving with its answer or its error. */
function call<Req>(
  service: AculabProviderService,
  method: string,
  request: Req,
): Promise<{ response?: { getProperties(): Struct | undefined }; error?: grpc.ServiceError }> {
  const handler = service.handlers[method] as (
    call: { request: Req },
    callback: (error: grpc.ServiceError | null, response: unknown) => void,
  ) => void;
  return new Promise((resolve) =>
    handler({ request }, (error, response) =>
      resolve({
        error: error ?? undefined,
        response: response as { getProperties(): Struct | undefined },
      }),
    ),
  );
}

const struct = (value: Props) => Struct.fromJavaScript(JSON.parse(JSON.stringify(value)));

/** The properties of the ErrorResourceInitFailed detail, as the engine would record them. */
function partialProperties(error: grpc.ServiceError): Props {
  const [bin] = (error.metadata as grpc.Metadata).get("grpc-status-details-bin");
  const status = Status.deserializeBinary(new Uint8Array(bin as Buffer));
  const [detail] = status.getDetailsList() as Any[];
  expect(detail.getTypeName()).toBe("pulumirpc.ErrorResourceInitFailed");
  const failed = providerProto.ErrorResourceInitFailed.deserializeBinary(detail.getValue_asU8());
  return failed.getProperties()?.toJavaScript() as Props;
}

let simulator: RunningSimulator;
let service: AculabProviderService;
beforeEach(async () => {
  simulator = await startSimulator({ apiKey: CANARY_API_KEY });
  service = new AculabProviderService(new ProviderSession(defaultTuning, silentLogger));
  const { cloudId, username, apiKey } = simulator.credentials;
  await call(
    service,
    "configure",
    new providerProto.ConfigureRequest().setArgs(
      struct({ cloudId, username, apiKey: secret(apiKey), endpoint: simulator.url }),
    ),
  );
});
afterEach(() => simulator.stop());

// Invariant 9 of issue 11: a property secret in the inputs stays secret in a failure's details.
test("a shrink that fails half way reports the block with its secret inputs still secret", async () => {
  const inputs = { country: "Spain", region: secret("Bilbao"), didType: "geographic" };
  const created = await call(
    service,
    "create",
    new providerProto.CreateRequest()
      .setUrn(blockUrn)
      .setProperties(struct({ ...inputs, quantity: 3 })),
  );
  expect(created.error).toBeUndefined();
  const outs = created.response!.getProperties()!.toJavaScript() as Props;
  expect(outs.region).toEqual(secret("Bilbao"));
  const numbers = outs.numbers as string[];
  expect(numbers).toHaveLength(3);

  // Every release is refused (429, retried, then given up): the numbers stay with the block.
  simulator.setFaults({ errorRates: { tel_delete_numbers: { 429: 1 } } });
  const shrunk = await call(
    service,
    "update",
    new providerProto.UpdateRequest()
      .setUrn(blockUrn)
      .setId("block-id")
      .setOlds(struct(outs))
      .setNews(struct({ ...inputs, quantity: secret(1) })),
  );
  expect(shrunk.error).toBeDefined();
  const recorded = partialProperties(shrunk.error!);
  expect(recorded).toEqual({
    country: "Spain",
    region: secret("Bilbao"),
    didType: "geographic",
    // The block still holds all three: its quantity says so, and stays as secret as the input.
    quantity: secret(3),
    numbers,
    monthlyPrice: outs.monthlyPrice,
  });
  expect(JSON.stringify(recorded)).not.toContain(CANARY_API_KEY);
});

// Issue 20: check notes a block's shrink among its inputs (the policy pack reads it there); the
// note is the recorded quantity, so it is as secret as that was.
test("check notes a block's shrink among its inputs, secret when the recorded quantity was", async () => {
  const check = async (olds: Props, news: Props) => {
    const checked = await call(
      service,
      "check",
      new providerProto.CheckRequest().setUrn(blockUrn).setOlds(struct(olds)).setNews(struct(news)),
    );
    expect(checked.error).toBeUndefined();
    const response = checked.response as unknown as providerProto.CheckResponse;
    expect(response.getFailuresList()).toEqual([]);
    return response.getInputs()!.toJavaScript() as Props;
  };
  const recorded = { country: "Spain", region: "Madrid", didType: "geographic" };
  expect(await check({ ...recorded, quantity: 3 }, { ...recorded, quantity: 1 })).toEqual({
    ...recorded,
    quantity: 1,
    __shrinksFrom: 3,
  });
  expect(
    await check({ ...recorded, quantity: secret(3) }, { ...recorded, quantity: secret(2) }),
  ).toEqual({ ...recorded, quantity: secret(2), __shrinksFrom: secret(3) });
  expect(await check({ ...recorded, quantity: 3 }, { ...recorded, quantity: 3 })).toEqual({
    ...recorded,
    quantity: 3,
  });
});
