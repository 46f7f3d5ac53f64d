export * from "./functions";
export * from "./inboundNumber";
export * from "./numberBlock";
