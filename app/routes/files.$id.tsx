import type { LoaderFunctionArgs } from "@remix-run/node";
import { photoResponse } from "../../server/photo-serve";
import { requireUser } from "~/auth/session.server";
import { evidenceFileForViewer } from "~/auth/boundary.server";
import { invariantResponse, NOT_FOUND } from "~/utils/invariant";

/** An evidence photo, to signed-in members of its organisation only (another organisation's id is 404). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  // A contractor's person: only their own contractor's photos (evidenceFileForViewer).
  const file = await evidenceFileForViewer(viewer, params.id ?? "");
  invariantResponse(file, ...NOT_FOUND);
  return photoResponse(file.storageKey, file.id);
}
