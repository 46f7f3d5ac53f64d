export * from "./derive";
export { MAX_BLOCK_QUANTITY, model } from "./model";
export type { Model } from "./model";
export { packageSchema, schemaJsonText } from "./schema";
export type * from "./spec";
export type * from "./types";
