/**
 * Tenancy cases of db/queries/rubrics/*: organisation A's admin names B's
 * rubric version (published, on B's contract, whose 2026-Q3 is finalised).
 */
import type { Db } from "../../../db/client";
import * as drafts from "../../../db/queries/rubrics/drafts";
import * as publish from "../../../db/queries/rubrics/publish";
import * as versions from "../../../db/queries/rubrics/versions";
import { sampleRubric } from "../../helpers/factories";
import type { World } from "../../helpers/world";

type Case = (db: Db, w: World) => Promise<unknown>;

const versionB = (w: World) => w.b.rubric_versions!.id;

export const rubricsCases: Record<string, Case> = {
  "rubrics/versions.ts#listRubricVersions": (db, w) => versions.listRubricVersions(db, { orgId: w.orgA.id }),
  "rubrics/versions.ts#getRubricVersion": (db, w) => versions.getRubricVersion(db, { orgId: w.orgA.id, id: versionB(w) }),
  "rubrics/versions.ts#contractRubricsInForce": (db, w) => versions.contractRubricsInForce(db, { orgId: w.orgA.id }),
  "rubrics/versions.ts#whatIfQuarters": (db, w) => versions.whatIfQuarters(db, { orgId: w.orgA.id, serviceType: "property" }),
  "rubrics/drafts.ts#createRubricDraft": (db, w) =>
    drafts.createRubricDraft(db, w.ctxA, { serviceType: "property", from: { kind: "version", id: versionB(w) }, version: "越权.1" }),
  "rubrics/drafts.ts#saveRubricDraft": (db, w) => drafts.saveRubricDraft(db, w.ctxA, { id: versionB(w), version: "越权.2", rubric: sampleRubric("property", "越权.2") }),
  // A's ids beyond the defaults: B's versions must add none.
  "rubrics/drafts.ts#usedRubricIds": async (db, w) => {
    const defaults = await drafts.usedRubricIds(db, { orgId: "no-such-org", serviceType: "property" });
    return [...(await drafts.usedRubricIds(db, { orgId: w.orgA.id, serviceType: "property" }))].filter((id) => !defaults.has(id));
  },
  "rubrics/drafts.ts#deleteRubricDraft": (db, w) => drafts.deleteRubricDraft(db, w.ctxA, { id: versionB(w) }),
  "rubrics/publish.ts#publishRubricVersion": (db, w) =>
    publish.publishRubricVersion(db, w.ctxA, { id: versionB(w), contractIds: [w.b.contracts!.id], today: "2026-11-20" }),
};
