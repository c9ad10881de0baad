/** Quarterly scores (issue 11): the input builder, the score of a quarter, finalisation and revisions. */
export * from "./input";
export * from "./quarter";
export * from "./finalise";
export * from "./revisions";
export * from "./fee";
export * from "./dashboard";
