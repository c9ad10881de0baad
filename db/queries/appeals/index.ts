/**
 * Appeals (异议申诉, issue 14): filing, deciding and the supervisor's reads.
 * One re-export line per module; shared.ts stays internal.
 */
export * from "./file";
export * from "./decide";
export * from "./read";
