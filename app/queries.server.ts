/**
 * The app's door to the data-access functions of db/queries. Route modules are
 * also loaded by the browser, so they import these from here, never from db/
 * (Remix keeps `*.server.ts` modules out of the browser bundle and the lint
 * rule for app/ refuses a value import of db/ elsewhere). Types may still be
 * imported from db/ with `import type`.
 */
export * from "../db/queries/audit";
export * from "../db/queries/auth";
export * from "../db/queries/contractors";
export * from "../db/queries/contracts";
export * from "../db/queries/invitations";
export * from "../db/queries/members";
export * from "../db/queries/orgs";
export * from "../db/queries/sites";
export * from "../db/queries/surveys";
export * from "../db/queries/evidence";
export * from "../db/queries/inspections";
export * from "../db/queries/scores";
export * from "../db/queries/settings";
export * from "../db/queries/procurement";
export * from "../db/queries/rubrics";
export * from "../db/queries/calendar";
export * from "../db/queries/appeals";
export * from "../db/queries/portal";
export * from "../db/queries/reminders";
