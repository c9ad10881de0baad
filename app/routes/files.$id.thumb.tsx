import type { LoaderFunctionArgs } from "@remix-run/node";
import { photoResponse } from "../../server/photo-serve";
import { requireUser } from "~/auth/session.server";
import { evidenceFileForViewer } from "~/auth/boundary.server";
import { invariantResponse, NOT_FOUND } from "~/utils/invariant";

/** An evidence photo's thumbnail (320 px), with the same checks as /files/:id. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const file = await evidenceFileForViewer(viewer, params.id ?? "");
  invariantResponse(file, ...NOT_FOUND);
  return photoResponse(file.thumbKey, file.id, `${file.id}.thumb`);
}
