export * from "./engineAddress";
export * from "./engineLogger";
