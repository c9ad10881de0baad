import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/session.server";
import { RoleHome } from "~/components/role-home";

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "procurement");
  return { orgName: viewer.org.name, userName: viewer.user.name };
}

export default function ProcurementHome() {
  const { orgName, userName } = useLoaderData<typeof loader>();
  return <RoleHome role="procurement" orgName={orgName} userName={userName} />;
}
