import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { PluginInfo } from "@pulumi/pulumi/proto/plugin_pb";
import * as providerProto from "@pulumi/pulumi/proto/provider_pb";
import {
  dataFunctions,
  DiffResult,
  FunctionName,
  functionArgsSchemas,
  ResourceContext,
  ResourcePartiallyCreatedError,
  SHRINKS_FROM,
  contextFrom,
  onResource,
  ProviderSession,
} from "../resources";
import { checkProviderConfig, configLookup, diffProviderConfig } from "./config";
import { PluginResource, pluginResources } from "./resources";
import { functionToken, pluginVersion, schemaText, typeOfUrn } from "./schema";
import { keepSecrecy, unwrapProps } from "./secrets";
import { fromStruct, toStruct } from "./structs";
import { unary } from "./unary";

type Props = Record<string, unknown>;

function failuresOf(
  failures: Array<{ property: string; reason: string }>,
): providerProto.CheckFailure[] {
  return failures.map((f) =>
    new providerProto.CheckFailure().setProperty(f.property).setReason(f.reason),
  );
}

const Kind = providerProto.PropertyDiff.Kind;

function diffResponse(result: DiffResult, olds: Props): providerProto.DiffResponse {
  const response = new providerProto.DiffResponse()
    .setChanges(
      result.changes
        ? providerProto.DiffResponse.DiffChanges.DIFF_SOME
        : providerProto.DiffResponse.DiffChanges.DIFF_NONE,
    )
    .setReplacesList(result.replaces)
    .setDiffsList(result.changed)
    .setDeletebeforereplace(result.deleteBeforeReplace)
    .setHasdetaileddiff(true);
  for (const property of result.changed) {
    const replaces = result.replaces.includes(property);
    const kind =
      olds[property] === undefined
        ? replaces
          ? Kind.ADD_REPLACE
          : Kind.ADD
        : replaces
          ? Kind.UPDATE_REPLACE
          : Kind.UPDATE;
    response
      .getDetaileddiffMap()
      .set(property, new providerProto.PropertyDiff().setKind(kind).setInputdiff(true));
  }
  return response;
}

/**
 * A partially created resource's properties go into the error details, which the engine records as
 * state: a property that came in secret must stay secret there too, as in a successful answer.
 */
function withSecrecy(error: unknown, inputs: Props): unknown {
  if (!(error instanceof ResourcePartiallyCreatedError)) return error;
  const kept = new ResourcePartiallyCreatedError(
    error.message,
    error.id,
    keepSecrecy(error.properties, inputs),
    { cause: error.cause },
  );
  kept.stack = error.stack;
  return kept;
}

const functionNames = Object.keys(functionArgsSchemas) as FunctionName[];

/**
 * The pulumirpc.ResourceProvider service of the native plugin: a translation of gRPC to the shared
 * lifecycle in provider/resources, which the dynamic door uses too. Served here rather than by
 * @pulumi/pulumi/provider, whose server ignores Configure's arguments.
 */
export class AculabProviderService {
  /** Until Configure, only the ACULAB_* environment variables configure the account. */
  private context: ResourceContext;

  constructor(private readonly session: ProviderSession) {
    this.context = contextFrom(() => undefined, session);
  }

  private unary<Req, Res>(handler: (request: Req) => Promise<Res>) {
    // The handlers are built before the constructor has set the session.
    return unary(handler, () => this.session.logger);
  }

  /** The context of one request: what the lifecycle warns of lands on the resource it names. */
  private contextOn(urn: string): ResourceContext {
    return onResource(this.context, this.session, urn);
  }

  private resource(urn: string): PluginResource {
    const type = typeOfUrn(urn);
    const resource = pluginResources[type];
    if (!resource)
      throw new Error(
        `unknown resource type ${type}: this provider serves ${Object.keys(pluginResources).join(", ")}`,
      );
    return resource;
  }

  readonly handlers: grpc.UntypedServiceImplementation = {
    getPluginInfo: this.unary(async () => new PluginInfo().setVersion(pluginVersion())),

    getSchema: this.unary(async (request: providerProto.GetSchemaRequest) => {
      if (request.getVersion() !== 0)
        throw new Error(`unsupported schema version ${request.getVersion()}`);
      return new providerProto.GetSchemaResponse().setSchema(schemaText());
    }),

    checkConfig: this.unary(async (request: providerProto.CheckRequest) => {
      const { inputs, failures } = checkProviderConfig(fromStruct(request.getNews()));
      return new providerProto.CheckResponse()
        .setInputs(toStruct(inputs))
        .setFailuresList(failuresOf(failures));
    }),

    diffConfig: this.unary(async (request: providerProto.DiffRequest) => {
      const changed = diffProviderConfig(
        fromStruct(request.getOlds()),
        fromStruct(request.getNews()),
      );
      return diffResponse(
        { changes: changed.length > 0, changed, replaces: [], deleteBeforeReplace: false },
        unwrapProps(fromStruct(request.getOlds())),
      );
    }),

    configure: this.unary(async (request: providerProto.ConfigureRequest) => {
      const variables: Record<string, string> = {};
      request.getVariablesMap().forEach((value, key) => (variables[key] = value));
      this.context = contextFrom(
        configLookup(fromStruct(request.getArgs()), variables),
        this.session,
      );
      return new providerProto.ConfigureResponse()
        .setAcceptsecrets(true)
        .setSupportspreview(false)
        .setAcceptresources(false)
        .setAcceptoutputs(false);
    }),

    check: this.unary(async (request: providerProto.CheckRequest) => {
      const news = fromStruct(request.getNews());
      const olds = fromStruct(request.getOlds());
      const checked = await this.resource(request.getUrn()).check(
        this.contextOn(request.getUrn()),
        unwrapProps(news),
        unwrapProps(olds),
      );
      // A block's shrink note (shrink.ts) is the recorded quantity: secret when that was.
      const secrecy = { ...news, [SHRINKS_FROM]: olds.quantity };
      return new providerProto.CheckResponse()
        .setInputs(toStruct(keepSecrecy(checked.inputs as Props, secrecy)))
        .setFailuresList(failuresOf(checked.failures));
    }),

    diff: this.unary(async (request: providerProto.DiffRequest) => {
      const olds = unwrapProps(fromStruct(request.getOlds()));
      this.resource(request.getUrn()).shown(
        this.contextOn(request.getUrn()),
        olds,
        request.getUrn(),
      );
      const result = this.resource(request.getUrn()).diff(
        olds,
        unwrapProps(fromStruct(request.getNews())),
      );
      return diffResponse(result, olds);
    }),

    create: this.unary(async (request: providerProto.CreateRequest) => {
      const inputs = fromStruct(request.getProperties());
      if (request.getPreview()) {
        // Not reached while Configure says supportsPreview false; never buy during a preview anyway.
        return new providerProto.CreateResponse().setId("").setProperties(toStruct(inputs));
      }
      const { id, outs } = await this.resource(request.getUrn())
        .create(this.contextOn(request.getUrn()), unwrapProps(inputs), request.getUrn())
        .catch((error: unknown) => Promise.reject(withSecrecy(error, inputs)));
      return new providerProto.CreateResponse()
        .setId(id)
        .setProperties(toStruct(keepSecrecy(outs as Props, inputs)));
    }),

    read: this.unary(async (request: providerProto.ReadRequest) => {
      const props = fromStruct(request.getProperties());
      const read = await this.resource(request.getUrn()).read(
        this.contextOn(request.getUrn()),
        request.getId(),
        unwrapProps(props),
        request.getUrn(),
      );
      const response = new providerProto.ReadResponse().setId(read.id);
      if (read.id === "") return response;
      if (read.props) response.setProperties(toStruct(keepSecrecy(read.props as Props, props)));
      if (read.inputs)
        response.setInputs(toStruct(keepSecrecy(read.inputs, fromStruct(request.getInputs()))));
      return response;
    }),

    update: this.unary(async (request: providerProto.UpdateRequest) => {
      const olds = fromStruct(request.getOlds());
      const news = fromStruct(request.getNews());
      if (request.getPreview())
        return new providerProto.UpdateResponse().setProperties(toStruct({ ...olds, ...news }));
      const { outs } = await this.resource(request.getUrn())
        .update(
          this.contextOn(request.getUrn()),
          request.getId(),
          unwrapProps(olds),
          unwrapProps(news),
          request.getUrn(),
        )
        .catch((error: unknown) => Promise.reject(withSecrecy(error, news)));
      return new providerProto.UpdateResponse().setProperties(
        toStruct(keepSecrecy(outs as Props, news)),
      );
    }),

    delete: this.unary(async (request: providerProto.DeleteRequest) => {
      await this.resource(request.getUrn()).delete(
        this.contextOn(request.getUrn()),
        request.getId(),
        unwrapProps(fromStruct(request.getProperties())),
      );
      return new Empty();
    }),

    invoke: this.unary(async (request: providerProto.InvokeRequest) => {
      const name = functionNames.find((candidate) => functionToken(candidate) === request.getTok());
      if (!name) {
        throw new Error(
          `unknown function ${request.getTok()}: this provider serves ${functionNames.map(functionToken).join(", ")}`,
        );
      }
      const args = unwrapProps(fromStruct(request.getArgs()));
      const call = dataFunctions[name] as (
        account: ReturnType<ResourceContext["account"]>,
        args: Props,
      ) => Promise<object>;
      return new providerProto.InvokeResponse().setReturn(
        toStruct(await call(this.context.account(), args)),
      );
    }),

    cancel: this.unary(async () => new Empty()),
  };
}
