/**
 * What the /rubrics pages read for a signed-in member: the organisation's
 * published (and retired) versions — never a draft, which only the editor
 * shows — and each contract's version in force since which quarter, and one
 * version of the viewer's organisation or a 404. The built-in defaults need
 * none of this: they are public.
 */
import { contractRubricsInForce, getRubricVersion, listRubricVersions, type RubricVersionRow } from "../../db/queries/rubrics";
import { defaultRubric } from "../../scoring/index";
import { SERVICE_TYPES, type Rubric, type ServiceType } from "../../scoring/types";
import type { Viewer } from "~/auth/session.server";
import { db } from "~/db.server";
import { invariantResponse } from "~/utils/invariant";

/** A version as the pages list it: published or retired. */
export type PublishedRubricRow = Omit<RubricVersionRow, "status" | "createdBy" | "createdByName" | "createdAt"> & { status: "published" | "retired" };

function published<T extends RubricVersionRow>(row: T): row is T & { status: "published" | "retired" } {
  return row.status !== "draft";
}

/** The organisation's published and retired versions (of one type, if given), newest published first. */
export async function orgVersionsOf(viewer: Viewer, serviceType?: ServiceType): Promise<PublishedRubricRow[]> {
  const rows = await listRubricVersions(db(), { orgId: viewer.org.id, serviceType });
  return rows
    .filter(published)
    .sort((a, b) => (b.publishedAt ?? "").localeCompare(a.publishedAt ?? ""))
    .map((r) => ({ id: r.id, serviceType: r.serviceType, rubricId: r.rubricId, version: r.version, status: r.status, basedOn: r.basedOn, publishedAt: r.publishedAt }));
}

/** The organisation's published versions and, per contract, the version in force and since which quarter. */
export async function orgRubrics(viewer: Viewer) {
  const [versions, contracts] = await Promise.all([orgVersionsOf(viewer), contractRubricsInForce(db(), { orgId: viewer.org.id })]);
  return { versions, contracts };
}

/** A published (or retired) version of the viewer's organisation; a draft, an unknown id or another organisation's is a 404. */
export async function requireOrgRubric(viewer: Viewer, id: string | undefined) {
  invariantResponse(id, "Rubric not found", { status: 404 });
  const version = await getRubricVersion(db(), { orgId: viewer.org.id, id });
  invariantResponse(version && published(version), "Rubric not found", { status: 404 });
  const { createdBy: _by, createdByName: _name, ...shown } = version;
  return shown;
}

/** The built-in default of the `:serviceType` parameter; another value is a 404. */
export function requireDefaultRubric(serviceType: string | undefined): Rubric {
  invariantResponse(SERVICE_TYPES.includes(serviceType as ServiceType), "Unknown service type", { status: 404 });
  return defaultRubric(serviceType as ServiceType);
}
