/**
 * Tenancy cases of db/queries/inspections/{lifecycle,detail,scoring-input}.ts:
 * organisation A's admin names B's finding, inspection or contract. B's finding
 * is open, so each step would be allowed in B: the refusal is the tenancy.
 */
import type { Db } from "../../../db/client";
import * as detail from "../../../db/queries/inspections/detail";
import * as lifecycle from "../../../db/queries/inspections/lifecycle";
import * as scoring from "../../../db/queries/inspections/scoring-input";
import type { World } from "../../helpers/world";

type Case = (db: Db, w: World) => Promise<unknown>;

const finding = (w: World) => w.b.findings!.id;
const photo = { storageKey: "a/x.jpg", thumbKey: "a/x.thumb.jpg", mimeType: "image/jpeg", bytes: 1, width: 1, height: 1, sha256: "0".repeat(64) };
const today = "2026-07-20";

export const lifecycleCases: Record<string, Case> = {
  "inspections/lifecycle.ts#rectifyFinding": (db, w) =>
    lifecycle.rectifyFinding(db, w.ctxA, { findingId: finding(w), fixedOn: "2026-07-16", note: "越权整改", photos: [photo], today }),
  "inspections/lifecycle.ts#verifyFinding": (db, w) => lifecycle.verifyFinding(db, w.ctxA, { findingId: finding(w), today }),
  "inspections/lifecycle.ts#failVerification": (db, w) => lifecycle.failVerification(db, w.ctxA, { findingId: finding(w), reason: "越权", today }),
  "inspections/lifecycle.ts#withdrawFinding": (db, w) => lifecycle.withdrawFinding(db, w.ctxA, { findingId: finding(w), reason: "越权", today }),
  "inspections/lifecycle.ts#clearRepeatMark": (db, w) => lifecycle.clearRepeatMark(db, w.ctxA, { findingId: finding(w), reason: "越权", today }),
  "inspections/detail.ts#getFinding": (db, w) => detail.getFinding(db, { orgId: w.orgA.id, id: finding(w), today }),
  "inspections/detail.ts#getInspectionNotice": (db, w) => detail.getInspectionNotice(db, { orgId: w.orgA.id, inspectionId: w.b.inspections!.id, today }),
  "inspections/scoring-input.ts#findingsForScoring": (db, w) =>
    scoring.findingsForScoring(db, { orgId: w.orgA.id, contractId: w.b.contracts!.id, period: "2026-Q3" }),
};
