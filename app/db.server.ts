/**
 * The app's one way to the database. Routes never build queries: they call
 * the named functions of db/queries with the organisation id of the viewer.
 */
import { getDb } from "../db/client";

export function db() {
  return getDb().db;
}
