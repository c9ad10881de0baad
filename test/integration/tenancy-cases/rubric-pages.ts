/**
 * Tenancy cases of db/queries/rubric-pages.ts (issue 13): organisation A (no
 * contracts, no versions) lists its published versions and contracts' rubrics
 * in force, and asks for B's published version by id.
 */
import type { Db } from "../../../db/client";
import * as pages from "../../../db/queries/rubric-pages";
import type { World } from "../../helpers/world";

type Case = (db: Db, w: World) => Promise<unknown>;

export const rubricPagesCases: Record<string, Case> = {
  "rubric-pages.ts#listPublishedRubrics": (db, w) => pages.listPublishedRubrics(db, { orgId: w.orgA.id }),
  "rubric-pages.ts#getPublishedRubric": (db, w) => pages.getPublishedRubric(db, { orgId: w.orgA.id, id: w.b.rubric_versions!.id }),
  "rubric-pages.ts#listContractRubricsInForce": (db, w) => pages.listContractRubricsInForce(db, { orgId: w.orgA.id }),
};
