import type { ResourceName } from "../model";
import type { DiffResult } from "./diff";
import type { CheckedInputs } from "./inputs";
import type { ResourceContext } from "./resourceContext";

/** Properties as the engine hands them over, before a lifecycle knows they are its own. */
export type Props = Record<string, unknown>;

export interface ReadResult<State> {
  /** Empty when the resource is gone: the engine drops it from state. */
  id: string;
  props?: State;
  /** Inputs made anew, only when the resource changed outside Pulumi. */
  inputs?: Props;
}

/**
 * One resource type's lifecycle, written once and served by both front doors, each through one
 * generic adapter (provider/dynamic/host.ts, provider/plugin/resources.ts). The doors hand over
 * only the resource's own properties: their bookkeeping (the dynamic door's `__provider` and
 * `__resourceName`) never reaches a lifecycle. `State` is what state holds for the resource: its
 * outputs, and what a partial failure records beside them (an unconfirmed purchase). `name` is the
 * resource's name in the program, when the door knows it, for errors that must say which resource.
 */
export interface ResourceLifecycle<Inputs, Outputs, State = Outputs> {
  /** The model's name of the resource type. */
  readonly type: ResourceName;
  /** `olds`: the inputs the engine recorded for the resource, if it exists. */
  check(context: ResourceContext, news: Props, olds?: Props): Promise<CheckedInputs<Inputs>>;
  /**
   * The engine showed the resource's state (a diff, before any update): the account learns that it
   * records its numbers, so that no lost purchase's settlement in this process takes them.
   */
  shown(context: ResourceContext, olds: Props, name?: string): void;
  diff(olds: Props, news: Props): DiffResult;
  create(
    context: ResourceContext,
    inputs: Inputs,
    name?: string,
  ): Promise<{ id: string; outs: Outputs }>;
  read(
    context: ResourceContext,
    id: string,
    props: State,
    name?: string,
  ): Promise<ReadResult<State>>;
  update(
    context: ResourceContext,
    id: string,
    olds: State,
    news: Inputs,
    name?: string,
  ): Promise<{ outs: Outputs }>;
  delete(context: ResourceContext, id: string, props: State): Promise<void>;
}

/**
 * A lifecycle as a front door holds it, whatever its resource: the door hands over the engine's
 * properties, which are what the lifecycle recorded or its check returned. No type can prove that
 * of what comes over the wire, so the door takes each lifecycle's word for it.
 */
export type AnyResourceLifecycle = ResourceLifecycle<object, object, object>;
