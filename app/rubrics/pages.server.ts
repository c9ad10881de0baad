/**
 * What the /rubrics pages read for a signed-in member: the organisation's
 * published versions and each contract's version in force (since which
 * quarter), and one version of the viewer's organisation or a 404.
 * The built-in defaults need none of this: they are public.
 */
import { getPublishedRubric, listContractRubricsInForce, listPublishedRubrics } from "../../db/queries/rubric-pages";
import { defaultRubric } from "../../scoring/index";
import { SERVICE_TYPES, type Rubric, type ServiceType } from "../../scoring/types";
import type { Viewer } from "~/auth/session.server";
import { db } from "~/db.server";
import { invariantResponse } from "~/utils/invariant";

/** The organisation's published versions (of one type, if given) and, per contract, the version in force. */
export async function orgRubrics(viewer: Viewer, serviceType?: ServiceType) {
  const [versions, contracts] = await Promise.all([
    listPublishedRubrics(db(), { orgId: viewer.org.id, serviceType }),
    listContractRubricsInForce(db(), { orgId: viewer.org.id, serviceType }),
  ]);
  return { orgName: viewer.org.name, versions, contracts };
}

/** The organisation's published and retired versions of one service type, newest first. */
export function orgVersionsOf(viewer: Viewer, serviceType: ServiceType) {
  return listPublishedRubrics(db(), { orgId: viewer.org.id, serviceType });
}

/** A published (or retired) version of the viewer's organisation; a draft, an unknown id or another organisation's is a 404. */
export async function requireOrgRubric(viewer: Viewer, id: string | undefined) {
  invariantResponse(id, "Rubric not found", { status: 404 });
  const version = await getPublishedRubric(db(), { orgId: viewer.org.id, id });
  invariantResponse(version, "Rubric not found", { status: 404 });
  return version;
}

/** The built-in default of the `:serviceType` parameter; another value is a 404. */
export function requireDefaultRubric(serviceType: string | undefined): Rubric {
  invariantResponse(SERVICE_TYPES.includes(serviceType as ServiceType), "Unknown service type", { status: 404 });
  return defaultRubric(serviceType as ServiceType);
}
