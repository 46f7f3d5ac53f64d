export * from "./dynamic";
// The client's types; its code is `pulumi-aculab/client`, so a program loads it only if it asks.
export type * as client from "./client";
export { UNKNOWN } from "./resources/unknown";
