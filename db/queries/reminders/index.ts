export * from "./types";
export * from "./findings";
export * from "./store";
export * from "./inbox";
export * from "./supervision";
export * from "./settings";
export * from "./run";
