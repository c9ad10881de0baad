import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { homeOf, requireUser } from "~/auth/session.server";

/** /home sends each person to the home page of their role in the current organisation. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  throw redirect(homeOf(viewer.membership.role));
}
