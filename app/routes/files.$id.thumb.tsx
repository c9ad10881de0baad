import type { LoaderFunctionArgs } from "@remix-run/node";
import { photoResponse } from "../../server/photo-serve";
import { requireUser } from "~/auth/session.server";
import { db } from "~/db.server";
import { getEvidenceFile } from "~/queries.server";
import { invariantResponse, NOT_FOUND } from "~/utils/invariant";

/** An evidence photo's thumbnail (320 px), with the same checks as /files/:id. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const file = await getEvidenceFile(db(), { orgId: viewer.org.id, id: params.id ?? "" });
  invariantResponse(file, ...NOT_FOUND);
  return photoResponse(file.thumbKey, file.id, `${file.id}.thumb`);
}
