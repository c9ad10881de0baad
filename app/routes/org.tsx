import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { listMembershipsOfUser, switchSessionOrg } from "~/queries.server";
import { homeOf, requireUser } from "~/auth/session.server";
import { db } from "~/db.server";
import { parseForm } from "~/utils/forms";

/** A person may belong to several organisations; this page moves the session between them. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const orgs = await listMembershipsOfUser(db(), viewer.user.id);
  return { currentOrgId: viewer.org.id, orgs: orgs.map((o) => ({ id: o.orgId, name: o.orgName, role: o.role })) };
}

const SwitchSchema = z.object({ orgId: z.string().min(1).max(64) });

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireUser(request);
  const parsed = await parseForm(request, SwitchSchema);
  if (!parsed.ok) throw new Response("Bad request", { status: 400 });
  const orgs = await listMembershipsOfUser(db(), viewer.user.id);
  const target = orgs.find((o) => o.orgId === parsed.data.orgId);
  // Another organisation's id is simply not found: 404, nothing changes.
  if (!target) throw new Response("Not found", { status: 404 });
  await switchSessionOrg(db(), { sessionId: viewer.sessionId, userId: viewer.user.id, orgId: target.orgId });
  return redirect(homeOf(target.role));
}

export default function OrgSwitch() {
  const { t } = useTranslation();
  const { orgs, currentOrgId } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow">
      <h1>{t("orgSwitch.title")}</h1>
      <ul className="card-grid">
        {orgs.map((org) => (
          <li key={org.id} className="card">
            <h2>{org.name}</h2>
            <p className="muted">{t(`roles.${org.role}`)}</p>
            {org.id === currentOrgId ? (
              <p aria-current="true">{t("orgSwitch.current")}</p>
            ) : (
              <Form method="post">
                <input type="hidden" name="orgId" value={org.id} />
                <button type="submit" className="primary">
                  {t("orgSwitch.choose")}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
