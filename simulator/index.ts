export { startSimulator, DEVELOPMENT_API_KEY } from "./server";
export type {
  CallType,
  Credentials,
  DidType,
  FaultKind,
  FaultSettings,
  FaultStatus,
  OwnedNumber,
  RecordedRequest,
  RegulationAddress,
  RunningSimulator,
  SimulatorOptions,
} from "./types";
export { INVENTORY } from "./inventory";
export type { InventoryCountry, InventoryRegion } from "./inventory";
