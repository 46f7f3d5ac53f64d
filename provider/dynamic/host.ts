/**
 * What the serialized provider in state `require`s at run time, inside Pulumi's dynamic-provider
 * host: the dynamic door's entry point, where its provider is wired. It loads no @pulumi/pulumi
 * beyond the engine's protocol so the host starts fast; the lifecycle logic lives in
 * provider/resources.
 */
import {
  inboundNumberLifecycle,
  InboundNumberOutputs,
  NumberBlockInputs,
  numberBlockLifecycle,
  NumberBlockOutputs,
  InboundNumberInputs,
  ResourceContext,
  contextFrom,
  ResourcePartiallyCreatedError,
  DiffResult,
  AccountTuning,
  defaultTuning,
  ProviderSession,
} from "../resources";
import { Logger } from "../client";
import { engineAddressOf, engineLogger } from "../engine";
import { PROVIDER_KEY, RESOURCE_NAME as NAME_KEY } from "../resources/internalKeys";

type Props = Record<string, unknown>;

const nameOf = (props: Props) =>
  typeof props[NAME_KEY] === "string" ? (props[NAME_KEY] as string) : undefined;

/** Check drops what is not an input; the name must still reach create and update. */
async function keepingName<T extends { inputs: object }>(news: Props, checked: Promise<T>) {
  const result = await checked;
  const name = nameOf(news);
  if (name !== undefined) (result.inputs as Props)[NAME_KEY] = name;
  return result;
}

function dynamicDiff(result: DiffResult) {
  return {
    changes: result.changes,
    replaces: result.replaces,
    deleteBeforeReplace: result.deleteBeforeReplace,
  };
}

/**
 * The host records a partial failure's properties as the resource's whole state, so they must
 * carry the serialized provider too, or later operations on the resource could not load it.
 */
async function keepingProvider<T>(inputs: Props, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof ResourcePartiallyCreatedError) {
      (error.properties as Props)[PROVIDER_KEY] = inputs[PROVIDER_KEY];
    }
    throw error;
  }
}

abstract class DynamicProvider {
  protected context: ResourceContext;

  constructor(private readonly session: ProviderSession) {
    this.context = contextFrom(() => undefined, session);
  }

  /** Called once by the host with the whole stack config. */
  async configure(request: { config: { get(key: string): unknown } }): Promise<void> {
    this.context = contextFrom((key) => {
      // A host that was never sent Configure holds no config at all; the ACULAB_* variables apply.
      try {
        return request.config.get(key);
      } catch {
        return undefined;
      }
    }, this.session);
  }
}

export class InboundNumberProvider extends DynamicProvider {
  check = (olds: Props, news: Props) =>
    keepingName(news, inboundNumberLifecycle.check(this.context, news, olds));
  diff = async (_id: string, olds: Props, news: Props) => {
    inboundNumberLifecycle.shown(this.context, olds, nameOf(news));
    return dynamicDiff(inboundNumberLifecycle.diff(olds, news));
  };
  create = (inputs: Props) =>
    keepingProvider(inputs, () =>
      inboundNumberLifecycle.create(this.context, inputs as InboundNumberInputs, nameOf(inputs)),
    );
  read = (id: string, props: Props) =>
    inboundNumberLifecycle.read(this.context, id, props as InboundNumberOutputs);
  update = (id: string, olds: Props, news: Props) =>
    keepingProvider(news, () =>
      inboundNumberLifecycle.update(
        this.context,
        id,
        olds as InboundNumberOutputs,
        news as InboundNumberInputs,
        nameOf(news),
      ),
    );
  delete = (id: string, props: Props) =>
    inboundNumberLifecycle.delete(this.context, id, props as InboundNumberOutputs);
}

export class NumberBlockProvider extends DynamicProvider {
  check = (olds: Props, news: Props) =>
    keepingName(news, numberBlockLifecycle.check(this.context, news, olds));
  diff = async (_id: string, olds: Props, news: Props) => {
    numberBlockLifecycle.shown(this.context, olds, nameOf(news));
    return dynamicDiff(numberBlockLifecycle.diff(olds, news));
  };
  create = (inputs: Props) =>
    keepingProvider(inputs, () =>
      numberBlockLifecycle.create(this.context, inputs as NumberBlockInputs, nameOf(inputs)),
    );
  read = (id: string, props: Props) =>
    numberBlockLifecycle.read(this.context, id, props as NumberBlockOutputs);
  update = (id: string, olds: Props, news: Props) =>
    keepingProvider(news, () =>
      numberBlockLifecycle.update(
        this.context,
        id,
        olds as NumberBlockOutputs,
        news as NumberBlockInputs,
        nameOf(news),
      ),
    );
  delete = (id: string, props: Props) =>
    numberBlockLifecycle.delete(this.context, id, props as NumberBlockOutputs);
}

/**
 * One instance per resource type, sharing one session, configured once by the host. The host
 * (Pulumi's cmd/dynamic-provider) is started with the engine's address as its argument but never
 * connects to it: the logger does. The dynamic door knows no URN, so warnings are on no resource;
 * their text names it.
 */
export function dynamicProvidersWith(tuning: AccountTuning) {
  const logger = engineLogger(engineAddressOf(process.argv.slice(2)));
  const session = new ProviderSession(tuning, logger);
  return {
    InboundNumber: answeringAfterLogs(new InboundNumberProvider(session), logger),
    NumberBlock: answeringAfterLogs(new NumberBlockProvider(session), logger),
  };
}

/** Each operation answers the host once what it logged has reached the engine. */
function answeringAfterLogs<P extends object>(provider: P, logger: Logger): P {
  const methods = provider as Record<string, unknown>;
  for (const [name, method] of Object.entries(methods)) {
    if (typeof method !== "function") continue;
    methods[name] = async (...args: unknown[]) => {
      try {
        return await method(...args);
      } finally {
        await logger.drained();
      }
    };
  }
  return provider;
}

/** What the shim in state reads: the providers of this host process, with the default tuning. */
export const dynamicProviders = dynamicProvidersWith(defaultTuning);
