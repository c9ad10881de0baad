/** Organisation rubric versions (issue 13): reading, drafts, publishing, the what-if's quarters. */
export * from "./types";
export * from "./versions";
export * from "./drafts";
export * from "./publish";
