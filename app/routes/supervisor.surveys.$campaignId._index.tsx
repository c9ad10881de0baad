import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { addInvites, getResponseMonitor, getTally, listComments, RELEASE_EVERY, setCampaignStatus } from "~/queries.server";
import { todayIn } from "../../domain/days";
import { addDays, compareIsoDates, satisfactionRate } from "../../scoring/index";
import { requireRole } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormError, useValidatedForm } from "~/components/form";
import { db } from "~/db.server";
import { campaignRubric, requireCampaign } from "~/surveys/campaigns.server";
import { QrCode } from "~/surveys/components/qr-code";
import { ResponseRateChart, type DayCount } from "~/surveys/components/response-rate-chart";
import { SatisfactionChart } from "~/surveys/components/satisfaction-chart";
import { StatusBadge, usePeriodLabel } from "~/surveys/components/status-badge";
import { openLinkUrl, publicOrigin, qrPath } from "~/surveys/qr.server";
import { msg, parseForm, type FieldErrors } from "~/utils/forms";
import { pick, useLocale } from "~/utils/localise";
import { getLocale } from "~/i18n/locale.server";
import surveyCss from "~/styles/survey.css?url";
import { now } from "~/utils/clock.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: surveyCss }];
export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: d ? `${d.campaign.contractorName} · ${d.campaign.period} · 满意度调查 · 考评` : "满意度调查 · 考评" },
];

/** A share of straight-lined responses above this is flagged (below it, the share is still shown). */
const STRAIGHT_LINING_ALERT = 0.2;
const COMMENTS_PER_PAGE = 50;
/** The response-rate chart covers at most this many days. */
const MAX_DAYS = 200;
/**
 * Most codes one click adds (the query allows more per call). A constant here,
 * not imported from db/queries: the form's schema is also bundled for the browser.
 */
const MAX_ADD_INVITES = 1000;

export const AddInvitesSchema = z.object({
  intent: z.literal("addInvites"),
  count: z.coerce
    .number(msg("form.number"))
    .int(msg("survey.campaignErrors.addInviteCount", { max: MAX_ADD_INVITES }))
    .min(1, msg("survey.campaignErrors.addInviteCount", { max: MAX_ADD_INVITES }))
    .max(MAX_ADD_INVITES, msg("survey.campaignErrors.addInviteCount", { max: MAX_ADD_INVITES })),
});

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("open") }),
  z.object({ intent: z.literal("close") }),
  AddInvitesSchema,
]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "supervisor", "admin");
  const campaign = await requireCampaign(viewer, params.campaignId);
  const search = new URL(request.url).searchParams;
  const commentsPage = Math.max(1, Math.trunc(Number(search.get("comments")) || 1));
  const query = { orgId: viewer.org.id, campaignId: campaign.id };
  // Every figure below but the respondent count is the RELEASED tally's (db/queries/surveys/results.ts).
  const [monitor, tally, comments, locale, rubric] = await Promise.all([
    getResponseMonitor(db(), query),
    getTally(db(), query),
    listComments(db(), { ...query, page: commentsPage, pageSize: COMMENTS_PER_PAGE }),
    getLocale(request),
    campaignRubric(campaign),
  ]);
  if (!monitor || !tally) throw new Response("Campaign not found", { status: 404 });

  const questions = campaign.questionnaire.map((q) => {
    const counts = tally.questions[q.id] ?? [0, 0, 0, 0, 0];
    return {
      id: q.id,
      label: pick(q.label, locale),
      rate: satisfactionRate(rubric, { respondents: tally.respondents, questions: { [q.id]: counts } }),
      answers: counts.reduce((a, b) => a + b, 0),
    };
  });
  const today = todayIn(viewer.org.timeZone, now());
  const origin = publicOrigin(request);
  const openLink = campaign.allowOpenLink ? openLinkUrl(origin, campaign.openToken) : null;
  return {
    campaign: {
      id: campaign.id,
      contractorName: campaign.contractorName,
      contractTitle: campaign.contractTitle,
      serviceType: campaign.serviceType,
      period: campaign.period,
      opensOn: campaign.opensOn,
      closesOn: campaign.closesOn,
      status: campaign.status,
      reason: campaign.reason,
      rubricId: campaign.rubricId,
      rubricVersion: campaign.rubricVersion,
      quarterStatus: campaign.quarterStatus,
    },
    rule: rubric.satisfaction,
    respondents: monitor.respondents,
    release: { respondents: monitor.releasedRespondents, next: monitor.nextReleaseAt, every: RELEASE_EVERY },
    straightLined: monitor.straightLined,
    straightLinedShare: monitor.straightLinedShare,
    invites: monitor.invites,
    overall: satisfactionRate(rubric, tally),
    questions,
    days: fillDays(monitor.byDay, campaign.opensOn, compareIsoDates(today, campaign.closesOn) < 0 ? today : campaign.closesOn),
    comments: { rows: comments.rows.map((r) => r.comment), total: comments.total, page: comments.page, pageSize: comments.pageSize },
    openLink,
    qr: openLink ? qrPath(openLink) : null,
  };
}

/** One entry per day (from the per-day counters: no response or invite stores a day) from the first day to `until` (or the last day with activity, if later), zeros included. */
function fillDays(byDay: { day: string; count: number }[], opensOn: string, until: string): DayCount[] {
  const counts = new Map(byDay.map((d) => [d.day, d.count]));
  const days = [...counts.keys()];
  const first = [opensOn, ...days].sort(compareIsoDates)[0]!;
  const last = [until, ...days].sort(compareIsoDates).at(-1)!;
  if (compareIsoDates(last, first) < 0) return [];
  const out: DayCount[] = [];
  for (let day = first; compareIsoDates(day, last) <= 0 && out.length < MAX_DAYS; day = addDays(day, 1)) {
    out.push({ day, count: counts.get(day) ?? 0 });
  }
  // Activity beyond the cap still counts: fold it into the last day shown.
  const tail = out[out.length - 1];
  if (tail) {
    tail.count += [...counts.values()].reduce((a, n) => a + n, 0) - out.reduce((a, d) => a + d.count, 0);
  }
  return out;
}

type ActionResult = { fieldErrors: FieldErrors; formError?: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireRole(request, "supervisor", "admin");
  const campaign = await requireCampaign(viewer, params.campaignId);
  const parsed = await parseForm(request, ActionSchema, { maxBytes: 4 * 1024 });
  if (!parsed.ok) return data<ActionResult>({ fieldErrors: parsed.fieldErrors, formError: parsed.formError }, { status: 400 });
  const ctx = { orgId: viewer.org.id, actorUserId: viewer.user.id, ip: context.clientIp ?? null };
  const back = `/supervisor/surveys/${campaign.id}`;
  const input = parsed.data;
  switch (input.intent) {
    case "open":
    case "close": {
      const status = input.intent === "open" ? "open" : "closed";
      const result = await setCampaignStatus(db(), ctx, { campaignId: campaign.id, status });
      if (!result.ok) {
        if (result.error === "not_found") throw new Response("Campaign not found", { status: 404 });
        return data<ActionResult>({ fieldErrors: {}, formError: msg("survey.campaignErrors.notAllowed") }, { status: 409 });
      }
      const notice = status === "closed" ? "closed" : campaign.status === "closed" ? "reopened" : "opened";
      return redirect(`${back}?notice=${notice}`);
    }
    case "addInvites": {
      const result = await addInvites(db(), ctx, { campaignId: campaign.id, count: input.count });
      if (!result.ok) {
        if (result.error === "not_found") throw new Response("Campaign not found", { status: 404 });
        const formError =
          result.error === "invalid"
            ? msg("survey.campaignErrors.addInviteCount", { max: MAX_ADD_INVITES })
            : msg("survey.campaignErrors.notAllowed");
        return data<ActionResult>({ fieldErrors: {}, formError }, { status: result.error === "invalid" ? 400 : 409 });
      }
      return redirect(`${back}?notice=invites&count=${result.codes.length}#invites`);
    }
  }
}

export default function CampaignMonitor() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const { percent } = useLocale();
  const periodLabel = usePeriodLabel();
  const [search] = useSearchParams();
  const c = d.campaign;
  const notice = search.get("notice");
  const tooFew = d.respondents < d.rule.minRespondents;
  const straightShare = d.straightLinedShare ?? 0;
  return (
    <div className="page">
      <p>
        <a href="/supervisor/surveys">← {t("survey.monitor.back")}</a>
      </p>
      <div className="page-head">
        <div>
          <h1>
            {c.contractorName} · {t(`serviceTypes.${c.serviceType}`)}
            <small>
              {periodLabel(c.period)} · {t("survey.monitor.window", { opensOn: c.opensOn, closesOn: c.closesOn })}
            </small>
          </h1>
          <p className="muted small">
            {c.contractTitle} · {t("survey.monitor.rubric", { rubric: c.rubricId, version: c.rubricVersion })}
          </p>
        </div>
        <StatusActions status={c.status} reason={c.reason} opensOn={c.opensOn} />
      </div>
      {notice ? (
        <p className="notice" role="status">
          {notice === "invites"
            ? t("survey.monitor.invitesAdded", { count: Number(search.get("count")) || 0 })
            : notice === "closed"
              ? t("survey.monitor.closedNotice")
              : notice === "reopened"
                ? t("survey.monitor.reopened")
                : t("survey.monitor.opened")}
        </p>
      ) : null}
      <FormError message={actionData?.formError} />

      <section className="panel" aria-labelledby="overview-title">
        <h2 id="overview-title">{t("survey.monitor.overview")}</h2>
        <dl className="stats">
          <div className="stat">
            <dt>{t("survey.monitor.respondents")}</dt>
            <dd>{d.respondents}</dd>
          </div>
          {d.invites.total > 0 ? (
            <>
              <div className="stat">
                <dt>{t("survey.monitor.invitesUsed")}</dt>
                <dd>{t("survey.monitor.invitesUsedValue", { used: d.invites.used, total: d.invites.total })}</dd>
              </div>
              <div className="stat">
                <dt>{t("survey.monitor.responseRate")}</dt>
                <dd>{percent(d.invites.used / d.invites.total, 1)}</dd>
              </div>
            </>
          ) : null}
          <div className="stat">
            <dt>{t("survey.monitor.overallSatisfied")}</dt>
            <dd className={d.overall === null ? undefined : d.overall >= d.rule.targetRate ? "at-target" : "below"}>
              {d.overall === null ? "—" : percent(d.overall, 1)}
              <small>{t("survey.monitor.target", { target: percent(d.rule.targetRate, 1) })}</small>
            </dd>
          </div>
        </dl>
        <h3>{t("survey.monitor.warnings")}</h3>
        <ul className="warnings">
          {tooFew ? (
            <li className="warning">
              {d.respondents === 0
                ? t("survey.monitor.tooFewNone", { min: d.rule.minRespondents })
                : t("survey.monitor.tooFew", { count: d.respondents, min: d.rule.minRespondents })}
            </li>
          ) : null}
          {d.straightLined > 0 ? (
            <li className={straightShare > STRAIGHT_LINING_ALERT ? "warning" : "info-line"}>
              {t("survey.monitor.straightLining", {
                share: percent(straightShare, 1),
                count: d.straightLined,
                total: d.release.respondents,
              })}
              {straightShare > STRAIGHT_LINING_ALERT ? ` ${t("survey.monitor.straightLiningHigh")}` : null}
            </li>
          ) : (
            <li className="info-line">{t("survey.monitor.straightLiningNone")}</li>
          )}
        </ul>
      </section>

      <section className="panel" aria-labelledby="release-title">
        <h2 id="release-title" className="visually-hidden">
          {t("survey.monitor.satisfaction")}
        </h2>
        <p className="notice" data-testid="release-notice">
          {d.release.respondents === 0
            ? t("survey.monitor.withheldNone", { every: d.release.every, count: d.respondents })
            : t("survey.monitor.withheld", { every: d.release.every, released: d.release.respondents, next: d.release.next })}{" "}
          {t("survey.monitor.withheldWhy")}
        </p>
      </section>

      <section className="panel" aria-labelledby="satisfaction-title">
        <h2 id="satisfaction-title">{t("survey.monitor.satisfaction")}</h2>
        <p className="muted small">
          {t("survey.monitor.satisfactionIntro", {
            threshold: d.rule.satisfiedAtOrAbove,
            target: percent(d.rule.targetRate, 1),
          })}
        </p>
        {d.release.respondents === 0 ? (
          <p>{d.respondents === 0 ? t("survey.monitor.noResponses") : t("survey.monitor.withheldNone", { every: d.release.every, count: d.respondents })}</p>
        ) : (
          <SatisfactionChart questions={d.questions} target={d.rule.targetRate} />
        )}
      </section>

      <section className="panel" aria-labelledby="progress-title">
        <h2 id="progress-title">{t("survey.monitor.progress")}</h2>
        <ResponseRateChart days={d.days} invites={0} />
      </section>

      <section className="panel" aria-labelledby="comments-title">
        <h2 id="comments-title">
          {t("survey.monitor.comments")}{" "}
          {d.comments.total > 0 ? <span className="points-badge">{t("survey.monitor.commentsCount", { count: d.comments.total })}</span> : null}
        </h2>
        <p className="muted small">{t("survey.monitor.anonymity")}</p>
        {d.comments.rows.length === 0 ? (
          <p>{t("survey.monitor.commentsNone")}</p>
        ) : (
          <ul className="comments">
            {d.comments.rows.map((comment, i) => (
              // Plain text: React escapes it; pre-wrap keeps the writer's line breaks.
              <li key={`${d.comments.page}-${i}`} className="comment">
                {comment}
              </li>
            ))}
          </ul>
        )}
        <CommentPager page={d.comments.page} total={d.comments.total} pageSize={d.comments.pageSize} />
      </section>

      <section className="panel" aria-labelledby="distribution-title">
        <h2 id="distribution-title">{t("survey.monitor.distribution")}</h2>
        <div className="distribution">
          <div>
            <h3>{t("survey.monitor.openLink")}</h3>
            {d.openLink && d.qr ? (
              <>
                <div className="link-box">
                  <input
                    type="text"
                    readOnly
                    value={d.openLink}
                    aria-label={t("survey.monitor.openLink")}
                    onFocus={(e) => e.currentTarget.select()}
                  />
                </div>
                <QrCode qr={d.qr} label={t("survey.monitor.qrAlt", { url: d.openLink })} className="qr-preview" />
                <p className="actions">
                  <a href={`/supervisor/surveys/${c.id}/qr.png`} download>
                    {t("survey.monitor.downloadPng")}
                  </a>
                  <a href={`/supervisor/surveys/${c.id}/qr.svg`} download>
                    {t("survey.monitor.downloadSvg")}
                  </a>
                  <a href={`/supervisor/surveys/${c.id}/poster`}>{t("survey.monitor.poster")}</a>
                </p>
              </>
            ) : (
              <p className="muted">{t("survey.monitor.openLinkOff")}</p>
            )}
          </div>
          <div id="invites">
            <h3>{t("survey.monitor.invites")}</h3>
            {d.invites.total > 0 ? (
              <>
                <p>
                  {t("survey.monitor.invitesSummary", {
                    total: d.invites.total,
                    used: d.invites.used,
                    unused: d.invites.total - d.invites.used,
                  })}
                </p>
                <p className="actions">
                  <a href={`/supervisor/surveys/${c.id}/slips`}>{t("survey.monitor.slips")}</a>
                  <a href={`/supervisor/surveys/${c.id}/invites.csv`} download>
                    {t("survey.monitor.csv")}
                  </a>
                </p>
              </>
            ) : (
              <p className="muted">{t("survey.monitor.invitesNone")}</p>
            )}
            {c.status !== "closed" && c.reason !== "finalised" ? <AddInvitesForm serverErrors={actionData?.fieldErrors} /> : null}
          </div>
        </div>
      </section>
    </div>
  );
}

function StatusActions({ status, reason, opensOn }: { status: "draft" | "open" | "closed"; reason: string | null; opensOn: string }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const finalised = reason === "finalised";
  return (
    <div>
      <div className="status-actions">
        <StatusBadge status={status} />
        <span className="muted small">{reason ? t(`survey.reasons.${reason}`, { date: opensOn }) : t("survey.reasons.accepting")}</span>
      </div>
      {finalised ? null : (
        <Form method="post" className="status-actions">
          {status === "open" ? (
            <button type="submit" name="intent" value="close" className="secondary" disabled={busy}>
              {t("survey.monitor.close")}
            </button>
          ) : (
            <button type="submit" name="intent" value="open" className="primary" disabled={busy}>
              {status === "closed" ? t("survey.monitor.reopen") : t("survey.monitor.open")}
            </button>
          )}
          {status === "open" ? <span className="hint">{t("survey.monitor.closeConfirm")}</span> : null}
        </Form>
      )}
    </div>
  );
}

function AddInvitesForm({ serverErrors }: { serverErrors?: FieldErrors }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { form, onSubmit } = useValidatedForm(AddInvitesSchema, { serverErrors, defaultValues: { intent: "addInvites" } });
  return (
    <Form method="post" onSubmit={onSubmit} noValidate aria-label={t("survey.monitor.addInvites")}>
      <input type="hidden" {...form.register("intent")} value="addInvites" />
      <div className="inline-fields">
        <Field
          form={form}
          name="count"
          label={`${t("survey.monitor.addInvites")} · ${t("survey.monitor.addInvitesCount")}`}
        >
          {(props) => <input {...props} {...form.register("count")} type="number" inputMode="numeric" min={1} max={MAX_ADD_INVITES} step={1} />}
        </Field>
        <button type="submit" className="secondary" disabled={navigation.state === "submitting"}>
          {t("survey.monitor.addInvitesSubmit")}
        </button>
      </div>
    </Form>
  );
}

function CommentPager({ page, total, pageSize }: { page: number; total: number; pageSize: number }) {
  const { t } = useTranslation();
  const pages = Math.ceil(total / pageSize);
  if (pages <= 1) return null;
  return (
    <nav className="actions" aria-label={t("survey.monitor.comments")}>
      {page > 1 ? <a href={`?comments=${page - 1}#comments-title`}>{t("audit.prev")}</a> : null}
      <span>
        {t("audit.page", { page })} / {pages}
      </span>
      {page < pages ? <a href={`?comments=${page + 1}#comments-title`}>{t("audit.next")}</a> : null}
    </nav>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
