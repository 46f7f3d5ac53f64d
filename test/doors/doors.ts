import * as path from "node:path";
import { CANARY_API_KEY, createDeployment, ProviderClient, startDynamicHost } from "../../harness";
import { resourceTokens } from "../../provider/plugin";
import { RunningSimulator, startSimulator } from "../../simulator";
import { stackVariables, startPlugin } from "../plugin/pluginProcess";

type Props = Record<string, unknown>;
export type ResourceType = "InboundNumber" | "NumberBlock";

/** One front door to the shared lifecycle, spoken to over gRPC as the engine would. */
export interface Door {
  client: ProviderClient;
  simulator: RunningSimulator;
  urn(type: ResourceType, name: string): string;
  /** What the engine sends this door for a resource's properties (the dynamic door's carry `__provider`). */
  props(type: ResourceType, props: Props): Props;
  /** A door's answer without its own bookkeeping, to compare with the other door's. */
  plain(props: Props): Props;
  close(): Promise<void>;
}

const PROVIDER_KEY = "__provider";
const urnOf = (type: string, name: string) => `urn:pulumi:dev::aculab-program::${type}::${name}`;

/** Pulumi's own dynamic-provider host, loading the serialized provider a TypeScript program registers. */
async function openDynamicDoor(): Promise<Door> {
  const deployment = await createDeployment(path.join(__dirname, "..", "programs", "lifecycle"));
  const registrations = await deployment.capture();
  const serialized = (type: ResourceType) =>
    registrations.find((r) => r.type.endsWith(`:${type}`))!;
  const host = await startDynamicHost(deployment.workspace.programDir, deployment.config);
  return {
    client: host.client,
    simulator: deployment.simulator,
    urn: (type, name) => urnOf(serialized(type).type, name),
    props: (type, props) => ({ ...props, [PROVIDER_KEY]: serialized(type).inputs[PROVIDER_KEY] }),
    plain: ({ [PROVIDER_KEY]: _provider, ...rest }) => rest,
    async close() {
      await host.stop();
      await deployment.close();
    },
  };
}

/** The native plugin, configured from stack config like a default provider. */
async function openPluginDoor(): Promise<Door> {
  const simulator = await startSimulator({ apiKey: CANARY_API_KEY });
  const plugin = await startPlugin();
  await plugin.client.configure({}, stackVariables(simulator));
  return {
    client: plugin.client,
    simulator,
    urn: (type, name) => urnOf(resourceTokens[type], name),
    props: (_type, props) => props,
    plain: (props) => props,
    async close() {
      await plugin.stop();
      await simulator.stop();
    },
  };
}

export const doors: Record<"dynamic" | "plugin", () => Promise<Door>> = {
  dynamic: openDynamicDoor,
  plugin: openPluginDoor,
};
