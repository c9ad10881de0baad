import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listOpenSurveysForUser } from "~/queries.server";
import { todayIn } from "../../domain/days";
import { requireRole } from "~/auth/session.server";
import { RoleHome } from "~/components/role-home";
import { db } from "~/db.server";
import { usePeriodLabel } from "~/surveys/components/status-badge";
import surveyCss from "~/styles/survey.css?url";
import { now } from "~/utils/clock.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: surveyCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "staff");
  const surveys = await listOpenSurveysForUser(db(), {
    orgId: viewer.org.id,
    userId: viewer.user.id,
    today: todayIn(viewer.org.timeZone, now()),
  });
  return { orgName: viewer.org.name, userName: viewer.user.name, surveys };
}

/** The staff home: the organisation's open surveys, each answered once ("已参与" afterwards). */
export default function StaffHome() {
  const { orgName, userName, surveys } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const periodLabel = usePeriodLabel();
  const open = surveys.filter((s) => !s.participated);
  const done = surveys.filter((s) => s.participated);
  return (
    <RoleHome role="staff" orgName={orgName} userName={userName}>
      <section aria-labelledby="open-surveys">
        <h2 id="open-surveys">{t("survey.staff.openTitle")}</h2>
        {open.length === 0 ? (
          <p className="notice">{t("survey.staff.empty")}</p>
        ) : (
          <ul className="survey-cards">
            {open.map((s) => (
              <li key={s.campaignId} className="survey-card">
                <h3>
                  {s.contractorName} · {t(`serviceTypes.${s.serviceType}`)}
                </h3>
                <p className="meta">
                  {periodLabel(s.period)} · {t("survey.staff.closesOn", { date: s.closesOn })}
                </p>
                <a className="button" href={`/staff/surveys/${s.campaignId}`}>
                  {t("survey.staff.answer")}
                  <span className="visually-hidden">
                    : {s.contractorName} · {t(`serviceTypes.${s.serviceType}`)}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      {done.length > 0 ? (
        <section aria-labelledby="done-surveys">
          <h2 id="done-surveys">{t("survey.staff.participatedTitle")}</h2>
          <ul className="survey-cards">
            {done.map((s) => (
              <li key={s.campaignId} className="survey-card done">
                <h3>
                  {s.contractorName} · {t(`serviceTypes.${s.serviceType}`)}
                </h3>
                <p className="meta">
                  {periodLabel(s.period)} · {t("survey.staff.closesOn", { date: s.closesOn })}
                </p>
                <p className="participated">✓ {t("survey.staff.participated")}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p className="hint">{t("survey.staff.anonymity")}</p>
    </RoleHome>
  );
}
