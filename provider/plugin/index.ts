export * from "./main";
export * from "./server";
export * from "./schema";
