export * from "./client";
export * from "./errors";
export * from "./services";
export * from "./settings";
export { RetryPolicy } from "./retry";
export * from "./logger";
