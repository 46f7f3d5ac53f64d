/**
 * What the serialized provider in state `require`s at run time, inside Pulumi's dynamic-provider
 * host. It loads no @pulumi/pulumi so the host starts fast; the lifecycle logic lives in
 * provider/resources.
 */
import {
  AnyResourceLifecycle,
  contextFrom,
  DiffResult,
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
    /** Until the host calls configure, only the ACULAB_* environment variables configure it. */
    private context: ResourceContext = contextFrom(() => undefined),
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
    });
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

/** One instance per resource type in the host process, configured once by the host. */
export const dynamicProviders = Object.fromEntries(
  Object.entries(resourceLifecycles).map(([type, lifecycle]) => [
    type,
    new DynamicResourceProvider(lifecycle),
  ]),
);
