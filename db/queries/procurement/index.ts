/** Procurement (issue 12): contract terms, the tender view, the comparison and the dossier — finalised snapshots only. */
export * from "./term";
export * from "./tender";
export * from "./dossier";
export * from "./export-rows";
export * from "./appeals";
