import type { ResourceName } from "../model";
import type { AnyResourceLifecycle } from "./lifecycle";
import { inboundNumberLifecycle } from "./inboundNumber";
import { numberBlockLifecycle } from "./numberBlock";

/** Every resource type the provider serves, by the model's name: what both front doors serve. */
export const resourceLifecycles = {
  InboundNumber: inboundNumberLifecycle,
  NumberBlock: numberBlockLifecycle,
} as const satisfies { [R in ResourceName]: AnyResourceLifecycle & { type: R } };
