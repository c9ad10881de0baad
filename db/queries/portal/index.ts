export * from "./findings";
export * from "./scores";
export * from "./vetoes";
