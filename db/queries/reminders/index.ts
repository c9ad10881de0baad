export * from "./types";
export * from "./findings";
export * from "./store";
export * from "./inbox";
