/**
 * Evidence files (photos) as the serving route needs them: which stored file
 * an id names, within the organisation. Writes of evidence rows go with their
 * owner's write (`evidenceInserts` in inspections/shared.ts).
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { evidenceFiles } from "../schema";

export interface EvidenceFileRef {
  id: string;
  storageKey: string;
  thumbKey: string;
  mimeType: string;
  bytes: number;
  sha256: string;
}

/** The stored file of an evidence id of the organisation; null for another organisation's or an unknown id. */
export async function getEvidenceFile(db: Db, q: { orgId: string; id: string }): Promise<EvidenceFileRef | null> {
  const [row] = await db
    .select({
      id: evidenceFiles.id,
      storageKey: evidenceFiles.storageKey,
      thumbKey: evidenceFiles.thumbKey,
      mimeType: evidenceFiles.mimeType,
      bytes: evidenceFiles.bytes,
      sha256: evidenceFiles.sha256,
    })
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.orgId, q.orgId), eq(evidenceFiles.id, q.id)));
  return row ?? null;
}
