import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { acceptInvitation, listInvitationsForEmail } from "~/queries.server";
import { AcceptSchema } from "~/auth/schemas";
import { homeOf, requireUser } from "~/auth/session.server";
import { db } from "~/db.server";
import { parseForm } from "~/utils/forms";
import { now } from "~/utils/clock.server";

export const meta: MetaFunction = () => [{ title: "待接受的邀请 · 考评" }];

/** Invitations waiting for the signed-in person's own e-mail; sign-in comes here when there are any. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const invitations = await listInvitationsForEmail(db(), { email: viewer.user.email, now: now() });
  return {
    email: viewer.user.email,
    home: homeOf(viewer.membership.role),
    invitations: invitations.map((i) => ({ id: i.id, orgName: i.orgName, role: i.role, contractorName: i.contractorName })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireUser(request);
  const parsed = await parseForm(request, AcceptSchema);
  if (!parsed.ok) throw new Response("Bad request", { status: 400 });
  const result = await acceptInvitation(db(), {
    id: parsed.data.invitationId,
    userId: viewer.user.id,
    email: viewer.user.email,
    now: now(),
    ip: context.clientIp,
  });
  // Another person's invitation, a used or an unknown one: the same 404.
  if (!result.ok) throw new Response("Not found", { status: 404 });
  return redirect("/invitations");
}

export default function Invitations() {
  const { t } = useTranslation();
  const { email, home, invitations } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow">
      <h1>{t("auth.invitations.title")}</h1>
      <p>{t("auth.invitations.intro", { email })}</p>
      {invitations.length === 0 ? <p className="muted">{t("auth.invitations.empty")}</p> : null}
      <ul className="card-grid">
        {invitations.map((inv) => (
          <li key={inv.id} className="card">
            <h2>{inv.orgName}</h2>
            <p className="muted">{t("auth.invitations.role", { role: t(`roles.${inv.role}`) })}</p>
            {inv.contractorName ? <p className="muted">{t("auth.join.contractorOf", { contractor: inv.contractorName })}</p> : null}
            <Form method="post">
              <input type="hidden" name="invitationId" value={inv.id} />
              <input type="hidden" name="intent" value="accept" />
              <button type="submit" className="primary" aria-label={t("auth.invitations.acceptLabel", { org: inv.orgName })}>
                {t("auth.invitations.accept")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      <p>
        <Link to={invitations.length === 0 ? "/org" : home}>{t("auth.invitations.continue")}</Link>
      </p>
    </div>
  );
}
