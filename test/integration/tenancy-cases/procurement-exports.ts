/**
 * Tenancy cases of db/queries/procurement/export-rows.ts: organisation A
 * (no contracts) exports B's contract, and its own whole organisation — B's
 * finalised quarter (with its snapshot and released tally), B's finding and B's appeal
 * must not come out of either. Each generator is drained into one list.
 */
import type { Db } from "../../../db/client";
import * as rows from "../../../db/queries/procurement/export-rows";
import type { World } from "../../helpers/world";

type Case = (db: Db, w: World) => Promise<unknown>;

async function drain<T>(generator: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of generator) out.push(row);
  return out;
}

/** A's own organisation and then B's contract named by A: both lists together. */
const bothScopes = async <T>(w: World, read: (q: rows.ExportScope) => AsyncIterable<T>) => [
  ...(await drain(read({ orgId: w.orgA.id }))),
  ...(await drain(read({ orgId: w.orgA.id, contractId: w.b.contracts!.id, pageSize: 1 }))),
];

export const procurementExportsCases: Record<string, Case> = {
  "procurement/export-rows.ts#quarterScoreRows": (db, w) => bothScopes(w, (q) => rows.quarterScoreRows(db, q)),
  "procurement/export-rows.ts#findingRows": (db, w) => bothScopes(w, (q) => rows.findingRows(db, q)),
  "procurement/export-rows.ts#surveyTallyRows": (db, w) => bothScopes(w, (q) => rows.surveyTallyRows(db, q)),
  "procurement/export-rows.ts#appealRows": (db, w) => bothScopes(w, (q) => rows.appealRows(db, q)),
};
