export * from "./findings";
export * from "./scores";
