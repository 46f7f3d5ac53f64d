import type * as pulumi from "@pulumi/pulumi";
import type { ResourceName } from "../model";

/**
 * The provider Pulumi serializes into the state of every dynamic resource. Its methods hold no
 * implementation and no credential: each `require`s this package by name, in the program's folder,
 * when the host runs it. State stays small and fixes reach existing resources. The module is
 * loaded once per host process, so every resource shares one configured implementation.
 */
export function serializableProvider(type: ResourceName): pulumi.dynamic.ResourceProvider {
  // Captured variables are re-created on every call of a serialized function, so the instance
  // lives in the host's module cache instead.
  const load = () => require("pulumi-aculab/dynamic-host").dynamicProviders[type];
  return {
    configure: (req) => load().configure(req),
    check: (olds, news) => load().check(olds, news),
    diff: (id, olds, news) => load().diff(id, olds, news),
    create: (inputs) => load().create(inputs),
    read: (id, props) => load().read(id, props),
    update: (id, olds, news) => load().update(id, olds, news),
    delete: (id, props) => load().delete(id, props),
  };
}
