/**
 * What the serialized provider in state `require`s at run time, inside Pulumi's dynamic-provider
 * host: the dynamic door's entry point, where its provider is wired. It loads no @pulumi/pulumi
 * beyond the engine's protocol so the host starts fast; the lifecycle logic lives in
 * provider/resources.
 */
import { Logger } from "../client";
import { engineAddressOf, engineLogger } from "../engine";
import {
  AccountTuning,
  AnyResourceLifecycle,
  contextFrom,
  defaultTuning,
  DiffResult,
  ProviderSession,
  ResourceContext,
  resourceLifecycles,
  ResourcePartiallyCreatedError,
} from "../resources";
import { PROVIDER_KEY, RESOURCE_NAME, resourceNameOf, withoutDoorKeys } from "./internalKeys";

type Props = Record<string, unknown>;

/** The host forwards these three of a diff's answer, and drops the rest. */
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

/**
 * One resource type's lifecycle as the host calls it. The door's own keys are taken out of what
 * the host hands over; the host puts `__provider` back into every answer itself.
 */
export class DynamicResourceProvider {
  constructor(
    private readonly lifecycle: AnyResourceLifecycle,
    private readonly session: ProviderSession,
    /** Until the host calls configure, only the ACULAB_* environment variables configure it. */
    private context: ResourceContext = contextFrom(() => undefined, session),
  ) {}

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

  /** Check drops what is not an input; the name must still reach create and update. */
  async check(olds: Props, news: Props) {
    const checked = await this.lifecycle.check(
      this.context,
      withoutDoorKeys(news),
      withoutDoorKeys(olds),
    );
    const name = resourceNameOf(news);
    if (name !== undefined) (checked.inputs as Props)[RESOURCE_NAME] = name;
    return checked;
  }

  async diff(_id: string, olds: Props, news: Props) {
    const recorded = withoutDoorKeys(olds);
    this.lifecycle.shown(this.context, recorded, resourceNameOf(news));
    return dynamicDiff(this.lifecycle.diff(recorded, withoutDoorKeys(news)));
  }

  create(inputs: Props) {
    return keepingProvider(inputs, () =>
      this.lifecycle.create(this.context, withoutDoorKeys(inputs), resourceNameOf(inputs)),
    );
  }

  read(id: string, props: Props) {
    return this.lifecycle.read(this.context, id, withoutDoorKeys(props));
  }

  update(id: string, olds: Props, news: Props) {
    return keepingProvider(news, () =>
      this.lifecycle.update(
        this.context,
        id,
        withoutDoorKeys(olds),
        withoutDoorKeys(news),
        resourceNameOf(news),
      ),
    );
  }

  delete(id: string, props: Props) {
    return this.lifecycle.delete(this.context, id, withoutDoorKeys(props));
  }
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
  return Object.fromEntries(
    Object.entries(resourceLifecycles).map(([type, lifecycle]) => [
      type,
      answeringAfterLogs(new DynamicResourceProvider(lifecycle, session), logger),
    ]),
  );
}

const OPERATIONS = ["configure", "check", "diff", "create", "read", "update", "delete"] as const;

/** Each operation answers the host once what it logged has reached the engine. */
function answeringAfterLogs(provider: DynamicResourceProvider, logger: Logger) {
  return Object.fromEntries(
    OPERATIONS.map((name) => [
      name,
      async (...args: unknown[]) => {
        try {
          return await (provider[name] as (...a: unknown[]) => unknown).apply(provider, args);
        } finally {
          await logger.drained();
        }
      },
    ]),
  );
}

/** What the shim in state reads: the providers of this host process, with the default tuning. */
export const dynamicProviders = dynamicProvidersWith(defaultTuning);
