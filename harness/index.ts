export * from "./capture";
export * from "./dynamicHost";
export * from "./engine";
export * from "./engineLogServer";
export * from "./providerClient";
export * from "./providerProcess";
export * from "./workspace";
export * from "./deployment";
