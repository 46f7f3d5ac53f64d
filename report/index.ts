export * from "./resources";
export * from "./prices";
export * from "./parse";
export * from "./plan";
export * from "./format";
export * from "./json";
export * from "./markdown";
export { main, run, processIo, USAGE, EXIT_OK, EXIT_ERROR, EXIT_RELEASE } from "./cli";
export type { CliIo } from "./cli";
