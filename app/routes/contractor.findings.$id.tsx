/**
 * A finding of the contractor's own record (issue 14, phone first): what was
 * found, where, the photos, the deadline and history, and — while it is open —
 * the form to report the fix with evidence photos (the supervisor then
 * verifies it or sends it back) and, within the quarter's appeal window, the
 * form to appeal the finding or its repeat mark. Another contractor's finding
 * is a 404.
 */
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireContractor, type ContractorViewer } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormError } from "~/components/form";
import { photoFieldLinks } from "~/components/photo-field";
import { db } from "~/db.server";
import { AppealLines } from "~/findings/appeal-lines";
import { DeadlineLine, FindingStatusBadge, PhotoThumbs } from "~/findings/components";
import { refusalOf } from "~/findings/errors";
import { RectifyForm, type FindingFormAnswer } from "~/findings/rectify-form";
import { appealRefusalAnswer } from "~/portal/appeal-refusal.server";
import { AppealSection } from "~/portal/appeal-form";
import { ContractorFindingSchema } from "~/portal/schemas";
import { appealWindowOf, appealsOf, contractorFinding, fileAppeal, getFinding, rectifyFinding } from "~/queries.server";
import { appealRefusal, type AppealRefusal } from "../../domain/appeals";
import findingsCss from "~/styles/findings.css?url";
import { now, todayFor } from "~/utils/clock.server";
import { invariantResponse, NOT_FOUND } from "~/utils/invariant";
import { useLocale } from "~/utils/localise";
import { parseMultipartForm } from "~/utils/multipart.server";
import { discardPhotos, storePhotos } from "../../server/photos";
import { MAX_PHOTOS } from "../../domain/findings";

export const handle = { i18n: ["contractor", "findings", "photos", "appeals"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: findingsCss }, ...photoFieldLinks];
export const meta: MetaFunction = () => [{ title: "问题详情 · 考评" }];

/** The finding when it is on a contract of the viewer's contractor; 404 otherwise (unknown, another contractor's, another organisation's). */
async function ownFinding(viewer: ContractorViewer, id: string | undefined, today: string) {
  invariantResponse(id, ...NOT_FOUND);
  const scope = { orgId: viewer.org.id, contractorId: viewer.membership.contractorId };
  invariantResponse(await contractorFinding(db(), { ...scope, id, today }), ...NOT_FOUND);
  const finding = await getFinding(db(), { orgId: viewer.org.id, id, today });
  invariantResponse(finding, ...NOT_FOUND);
  return finding;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireContractor(request);
  const today = todayFor(viewer.org);
  const finding = await ownFinding(viewer, params.id, today);
  const [appeals, window] = await Promise.all([
    appealsOf(db(), { orgId: viewer.org.id, findingId: finding.id }),
    appealWindowOf(db(), { orgId: viewer.org.id, period: finding.period }),
  ]);
  const closesOn = window?.closesOn ?? null;
  const refusal = (target: "finding" | "repeat"): AppealRefusal | "already" | null => {
    if (appeals.some((a) => a.target === target)) return "already";
    const targetState =
      target === "finding" ? { target, findingStatus: finding.status } : { target, findingStatus: finding.status, repeatCounts: finding.repeatCounts };
    return appealRefusal({ quarterState: finding.quarterWritable ? "open" : "finalised", today, recordedOn: finding.foundOn, closesOn, targetState });
  };
  return { finding, today, appeals, appeal: { closesOn, finding: refusal("finding"), repeat: finding.repeatOf ? refusal("repeat") : "not_appealable" } };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireContractor(request);
  const today = todayFor(viewer.org);
  const finding = await ownFinding(viewer, params.id, today);
  const parsed = await parseMultipartForm(request, ContractorFindingSchema, { maxFiles: MAX_PHOTOS });
  if (!parsed.ok) {
    const intent = parsed.intent === "appeal" ? "appeal" : "rectify";
    return data<FindingFormAnswer>({ fieldErrors: parsed.fieldErrors, formError: parsed.formError, intent, values: parsed.values }, { status: 400 });
  }
  const input = parsed.data;
  const ctx = { orgId: viewer.org.id, actorUserId: viewer.user.id, ip: context.clientIp ?? null };
  const label = finding.cell?.code ?? finding.site.name;
  if (input.intent === "appeal") {
    const stored = await storePhotos(parsed.photos, { orgId: viewer.org.id, takenAt: now(), timeZone: viewer.org.timeZone, label });
    const filed = await fileAppeal(db(), ctx, { contractorId: viewer.membership.contractorId, target: input.target, findingId: finding.id, reason: input.reason, photos: stored, today });
    if (!filed.ok) {
      await discardPhotos(stored);
      invariantResponse(filed.error !== "not_found", ...NOT_FOUND);
      return appealRefusalAnswer(filed.error, parsed.values);
    }
    return redirect(`/contractor/findings/${finding.id}?done=appeal`, 303);
  }
  if (parsed.photos.length === 0) {
    return data<FindingFormAnswer>({ fieldErrors: { photos: [refusalOf("photo_required").message] }, intent: "rectify", values: parsed.values }, { status: 400 });
  }
  const stored = await storePhotos(parsed.photos, { orgId: viewer.org.id, takenAt: now(), timeZone: viewer.org.timeZone, label });
  const result = await rectifyFinding(db(), ctx, { findingId: finding.id, fixedOn: input.fixedOn, note: input.note, photos: stored, today });
  if (!result.ok) {
    await discardPhotos(stored);
    invariantResponse(result.error !== "not_found", ...NOT_FOUND);
    const refusal = refusalOf(result.error);
    return data<FindingFormAnswer>(
      { fieldErrors: refusal.field ? { [refusal.field]: [refusal.message] } : {}, formError: refusal.field ? undefined : refusal.message, intent: "rectify", values: parsed.values },
      { status: refusal.status },
    );
  }
  return redirect(`/contractor/findings/${finding.id}?done=rectify`, 303);
}

export default function ContractorFindingPage() {
  const { finding: f, today, appeals, appeal } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as FindingFormAnswer | undefined;
  const { t } = useTranslation();
  const { pick } = useLocale();
  const [search] = useSearchParams();
  const place = [f.site.name, f.cell ? `${f.cell.code} ${f.cell.name}` : null].filter(Boolean).join(" · ");
  return (
    <div className="page narrow">
      <p>
        <a href="/contractor">← {t("contractor.back")}</a>
      </p>
      <h1 className="finding-head">
        <span>{f.item ? pick(f.item.label) : f.itemId}</span> <FindingStatusBadge status={f.listStatus} />
      </h1>
      <div aria-live="polite">
        {search.get("done") === "rectify" || search.get("done") === "appeal" ? (
          <p className="notice" role="status">
            {t(search.get("done") === "rectify" ? "contractor.rectified" : "contractor.appeal.filed")}
          </p>
        ) : null}
      </div>
      <DeadlineLine f={f} />
      <section className="finding-panel" aria-labelledby="facts-title">
        <h2 id="facts-title">{t("findings.title")}</h2>
        <dl className="finding-facts">
          <dt>{t("findings.facts.contract")}</dt>
          <dd>{f.contract.title}</dd>
          <dt>{t("findings.facts.place")}</dt>
          <dd>{place}</dd>
          <dt>{t("findings.facts.item")}</dt>
          <dd>{f.item ? `${pick(f.item.dimension)} · ${pick(f.item.label)}` : f.itemId}</dd>
          <dt>{t("findings.facts.severity")}</dt>
          <dd className={f.severity === "critical" ? "sev-critical" : undefined}>{t(`severity.${f.severity}`)}</dd>
          <dt>{t("findings.facts.foundOn")}</dt>
          <dd>{f.foundOn}</dd>
          <dt>{t("findings.facts.dueOn")}</dt>
          <dd>{f.dueOn}</dd>
          <dt>{t("findings.facts.note")}</dt>
          <dd className="finding-note">{f.note}</dd>
        </dl>
        <h3>{t("findings.photos")}</h3>
        {f.photos.length ? <PhotoThumbs photos={f.photos} /> : <p className="muted">{t("findings.noPhotos")}</p>}
      </section>
      <AppealLines appeals={appeals} linked={false} />
      {f.status === "open" ? (
        <section className="finding-panel finding-actions" aria-labelledby="rectify-title">
          <RectifyForm by="contractor" today={today} answer={answer?.intent === "rectify" ? answer : undefined} />
        </section>
      ) : (
        <p className="notice">{f.status === "rectified" ? t("contractor.awaitingCheck") : t("contractor.closed")}</p>
      )}
      {answer?.formError && answer.intent === "rectify" && f.status !== "open" ? <FormError message={answer.formError} /> : null}
      <AppealSection
        closesOn={appeal.closesOn}
        choices={[
          { target: "finding", refusal: appeal.finding },
          { target: "repeat", refusal: appeal.repeat },
        ]}
        answer={answer?.intent === "appeal" ? answer : undefined}
      />
      <section className="finding-panel" aria-labelledby="history-title">
        <h2 id="history-title">{t("findings.history")}</h2>
        <ol className="finding-history">
          {f.history.map((e) => (
            <li key={e.id}>
              <span className="event-kind">{t(`findings.events.${e.kind}`)}</span> <span className="muted small">{t("findings.eventBy", { name: e.by.name, day: e.onDay })}</span>
              {e.note ? <p className="event-note">{e.note}</p> : null}
              <PhotoThumbs photos={e.photos} />
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
