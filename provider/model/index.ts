export * from "./derive";
export { model } from "./model";
export { MAX_BLOCK_QUANTITY } from "./resources";
export type { Model } from "./model";
export { packageSchema, schemaJsonText } from "./schema";
export type * from "./spec";
export type * from "./types";
export * from "./validators";
