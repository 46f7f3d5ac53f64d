export * from "./compare";
export * from "./adopt";
export * from "./format";
export { main, run, processIo, runPulumi, USAGE, EXIT_OK, EXIT_ERROR, EXIT_DRIFT } from "./cli";
export type { AuditIo, PulumiRun } from "./cli";
