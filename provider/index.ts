export * from "./dynamic";
export * as client from "./client";
export { AculabClient, AculabError } from "./client";
export { UNKNOWN } from "./resources/unknown";
