/**
 * The whole schema. Import tables from here (`import { contracts } from "db/schema"`);
 * drizzle.config.ts points drizzle-kit at this file.
 */
export * from "./orgs";
export * from "./directory";
export * from "./rubrics";
export * from "./contracts";
export * from "./surveys";
export * from "./inspections";
export * from "./events";
export * from "./audit";
export * from "./settings";
export * from "./reminders";
