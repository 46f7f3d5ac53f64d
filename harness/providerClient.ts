import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { PluginInfo } from "@pulumi/pulumi/proto/plugin_pb";
import { Status } from "@pulumi/pulumi/proto/status_pb";
import * as providerRpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as providerProto from "@pulumi/pulumi/proto/provider_pb";

type Props = Record<string, unknown>;

export interface CheckResult {
  inputs: Props;
  failures: Array<{ property: string; reason: string }>;
}

export interface DiffResult {
  changes: "none" | "some" | "unknown";
  replaces: string[];
  deleteBeforeReplace: boolean;
  diffs: string[];
  detailedDiff: Record<string, { kind: number; inputDiff: boolean }>;
}

/** A create or update that failed after changing something: what the engine records in state. */
export class ProviderOperationError extends Error {
  constructor(
    message: string,
    readonly partial?: { id: string; properties: Props; reasons: string[] },
  ) {
    super(message);
  }
}

/** Structs carry no undefined; the engine drops such properties too. */
function toStruct(value: Props): Struct {
  return Struct.fromJavaScript(JSON.parse(JSON.stringify(value)));
}

function fromStruct(value: Struct | undefined): Props {
  return (value?.toJavaScript() ?? {}) as Props;
}

function decodeError(error: grpc.ServiceError): ProviderOperationError {
  const details = error.metadata?.get("grpc-status-details-bin");
  if (details && details.length > 0) {
    const status = Status.deserializeBinary(details[0] as Buffer);
    for (const any of status.getDetailsList()) {
      if (any.getTypeName() === "pulumirpc.ErrorResourceInitFailed") {
        const init = providerProto.ErrorResourceInitFailed.deserializeBinary(any.getValue_asU8());
        return new ProviderOperationError(error.details, {
          id: init.getId(),
          properties: fromStruct(init.getProperties()),
          reasons: init.getReasonsList(),
        });
      }
    }
  }
  return new ProviderOperationError(error.details ?? error.message);
}

/** Speaks the pulumirpc.ResourceProvider protocol, as the engine does. */
export class ProviderClient {
  private readonly stub: providerRpc.ResourceProviderClient;

  constructor(address: string) {
    this.stub = new providerRpc.ResourceProviderClient(address, grpc.credentials.createInsecure(), {
      "grpc.max_receive_message_length": 64 * 1024 * 1024,
    });
  }

  close(): void {
    this.stub.close();
  }

  private call<Req, Res>(method: string, request: Req): Promise<Res> {
    return new Promise((resolve, reject) => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      (this.stub as any)[method](request, (error: grpc.ServiceError | null, response: Res) =>
        error ? reject(decodeError(error)) : resolve(response),
      );
    });
  }

  async getSchema(): Promise<string> {
    const response = await this.call<
      providerProto.GetSchemaRequest,
      providerProto.GetSchemaResponse
    >("getSchema", new providerProto.GetSchemaRequest());
    return response.getSchema();
  }

  async checkConfig(urn: string, news: Props): Promise<CheckResult> {
    const request = new providerProto.CheckRequest()
      .setUrn(urn)
      .setOlds(toStruct({}))
      .setNews(toStruct(news));
    const response = await this.call<providerProto.CheckRequest, providerProto.CheckResponse>(
      "checkConfig",
      request,
    );
    return checkResult(response);
  }

  /** `args` are explicit provider arguments; `variables` the stack config, as the engine sends both. */
  async configure(
    args: Props,
    variables: Record<string, string> = {},
  ): Promise<{ acceptSecrets: boolean }> {
    const request = new providerProto.ConfigureRequest().setArgs(toStruct(args));
    for (const [key, value] of Object.entries(variables)) request.getVariablesMap().set(key, value);
    request.setAcceptsecrets(true);
    const response = await this.call<
      providerProto.ConfigureRequest,
      providerProto.ConfigureResponse
    >("configure", request);
    return { acceptSecrets: response.getAcceptsecrets() };
  }

  async check(urn: string, olds: Props, news: Props): Promise<CheckResult> {
    const request = new providerProto.CheckRequest()
      .setUrn(urn)
      .setOlds(toStruct(olds))
      .setNews(toStruct(news));
    const response = await this.call<providerProto.CheckRequest, providerProto.CheckResponse>(
      "check",
      request,
    );
    return checkResult(response);
  }

  async diff(
    urn: string,
    id: string,
    olds: Props,
    news: Props,
    oldInputs: Props = {},
  ): Promise<DiffResult> {
    const request = new providerProto.DiffRequest()
      .setUrn(urn)
      .setId(id)
      .setOlds(toStruct(olds))
      .setNews(toStruct(news))
      .setOldInputs(toStruct(oldInputs));
    return diffResult(
      await this.call<providerProto.DiffRequest, providerProto.DiffResponse>("diff", request),
    );
  }

  /** Whether the provider's own settings changed; `olds`/`news` are its old and new inputs. */
  async diffConfig(urn: string, olds: Props, news: Props): Promise<DiffResult> {
    const request = new providerProto.DiffRequest()
      .setUrn(urn)
      .setOlds(toStruct(olds))
      .setNews(toStruct(news))
      .setOldInputs(toStruct(olds));
    return diffResult(
      await this.call<providerProto.DiffRequest, providerProto.DiffResponse>("diffConfig", request),
    );
  }

  async getPluginInfo(): Promise<{ version: string }> {
    const response = await this.call<Empty, PluginInfo>("getPluginInfo", new Empty());
    return { version: response.getVersion() };
  }

  async cancel(): Promise<void> {
    await this.call("cancel", new Empty());
  }

  async create(urn: string, properties: Props): Promise<{ id: string; properties: Props }> {
    const request = new providerProto.CreateRequest()
      .setUrn(urn)
      .setProperties(toStruct(properties));
    const response = await this.call<providerProto.CreateRequest, providerProto.CreateResponse>(
      "create",
      request,
    );
    return { id: response.getId(), properties: fromStruct(response.getProperties()) };
  }

  async read(
    urn: string,
    id: string,
    properties: Props,
    inputs: Props = {},
  ): Promise<{ id: string; properties: Props; inputs: Props }> {
    const request = new providerProto.ReadRequest()
      .setUrn(urn)
      .setId(id)
      .setProperties(toStruct(properties))
      .setInputs(toStruct(inputs));
    const response = await this.call<providerProto.ReadRequest, providerProto.ReadResponse>(
      "read",
      request,
    );
    return {
      id: response.getId(),
      properties: fromStruct(response.getProperties()),
      inputs: fromStruct(response.getInputs()),
    };
  }

  async update(
    urn: string,
    id: string,
    olds: Props,
    news: Props,
    oldInputs: Props = {},
  ): Promise<{ properties: Props }> {
    const request = new providerProto.UpdateRequest()
      .setUrn(urn)
      .setId(id)
      .setOlds(toStruct(olds))
      .setNews(toStruct(news))
      .setOldInputs(toStruct(oldInputs));
    const response = await this.call<providerProto.UpdateRequest, providerProto.UpdateResponse>(
      "update",
      request,
    );
    return { properties: fromStruct(response.getProperties()) };
  }

  async delete(urn: string, id: string, properties: Props, oldInputs: Props = {}): Promise<void> {
    const request = new providerProto.DeleteRequest()
      .setUrn(urn)
      .setId(id)
      .setProperties(toStruct(properties))
      .setOldInputs(toStruct(oldInputs));
    await this.call("delete", request);
  }

  async invoke(
    token: string,
    args: Props,
  ): Promise<{ result: Props; failures: Array<{ property: string; reason: string }> }> {
    const request = new providerProto.InvokeRequest().setTok(token).setArgs(toStruct(args));
    const response = await this.call<providerProto.InvokeRequest, providerProto.InvokeResponse>(
      "invoke",
      request,
    );
    return {
      result: fromStruct(response.getReturn()),
      failures: response
        .getFailuresList()
        .map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }
}

function diffResult(response: providerProto.DiffResponse): DiffResult {
  const kinds = providerProto.DiffResponse.DiffChanges;
  const detailedDiff: DiffResult["detailedDiff"] = {};
  response.getDetaileddiffMap().forEach((entry, key) => {
    detailedDiff[key] = { kind: entry.getKind(), inputDiff: entry.getInputdiff() };
  });
  return {
    changes:
      response.getChanges() === kinds.DIFF_SOME
        ? "some"
        : response.getChanges() === kinds.DIFF_NONE
          ? "none"
          : "unknown",
    replaces: response.getReplacesList(),
    deleteBeforeReplace: response.getDeletebeforereplace(),
    diffs: response.getDiffsList(),
    detailedDiff,
  };
}

function checkResult(response: providerProto.CheckResponse): CheckResult {
  return {
    inputs: fromStruct(response.getInputs()),
    failures: response
      .getFailuresList()
      .map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
  };
}
