export * from "./capture";
export * from "./dynamicHost";
export * from "./engine";
export * from "./providerClient";
export * from "./providerProcess";
export * from "./workspace";
export * from "./deployment";
