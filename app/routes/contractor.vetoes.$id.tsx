/**
 * A veto (一票否决) recorded on one of the contractor's contracts (issue 14,
 * phone first): what, when, the photos, whether a second supervisor has
 * confirmed it, its appeals, and — within the quarter's appeal window — the
 * form to appeal it. Another contractor's veto is a 404.
 */
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireContractor, type ContractorViewer } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { photoFieldLinks } from "~/components/photo-field";
import { db } from "~/db.server";
import { AppealLines } from "~/findings/appeal-lines";
import { PhotoThumbs } from "~/findings/components";
import type { FindingFormAnswer } from "~/findings/rectify-form";
import { appealRefusalAnswer } from "~/portal/appeal-refusal.server";
import { AppealSection, type AppealChoiceRefusal } from "~/portal/appeal-form";
import { VetoAppealSchema } from "~/portal/schemas";
import { appealWindowOf, appealsOf, contractorVeto, fileAppeal, getEvent } from "~/queries.server";
import findingsCss from "~/styles/findings.css?url";
import { now, todayFor } from "~/utils/clock.server";
import { invariantResponse, NOT_FOUND } from "~/utils/invariant";
import { useLocale } from "~/utils/localise";
import { parseMultipartForm } from "~/utils/multipart.server";
import { appealRefusal } from "../../domain/appeals";
import { MAX_PHOTOS } from "../../domain/findings";
import { contractQuarterWritable } from "../../domain/quarter-lock";
import { discardPhotos, storePhotos } from "../../server/photos";

export const handle = { i18n: ["contractor", "findings", "photos", "appeals", "events"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: findingsCss }, ...photoFieldLinks];
export const meta: MetaFunction = () => [{ title: "一票否决事项 · 考评" }];

/** The veto when it is on a contract of the viewer's contractor; 404 otherwise. */
async function ownVeto(viewer: ContractorViewer, id: string | undefined) {
  invariantResponse(id, ...NOT_FOUND);
  const veto = await contractorVeto(db(), { orgId: viewer.org.id, contractorId: viewer.membership.contractorId, id });
  invariantResponse(veto, ...NOT_FOUND);
  return veto;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireContractor(request);
  const today = todayFor(viewer.org);
  const veto = await ownVeto(viewer, params.id);
  const [detail, appeals, window] = await Promise.all([
    getEvent(db(), { orgId: viewer.org.id, kind: "veto", id: veto.id }),
    appealsOf(db(), { orgId: viewer.org.id, vetoEventId: veto.id }),
    appealWindowOf(db(), { orgId: viewer.org.id, period: veto.period }),
  ]);
  invariantResponse(detail, ...NOT_FOUND);
  const closesOn = window?.closesOn ?? null;
  const refusal: AppealChoiceRefusal =
    appeals.length > 0
      ? "already"
      : appealRefusal({
          quarterState: contractQuarterWritable(veto.quarterStatus) ? "open" : "finalised",
          today,
          recordedOn: veto.occurredOn,
          closesOn,
          targetState: { target: "veto", vetoStatus: veto.status },
        });
  return { veto, photos: detail.photos, appeals, closesOn, refusal };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireContractor(request);
  const today = todayFor(viewer.org);
  const veto = await ownVeto(viewer, params.id);
  const parsed = await parseMultipartForm(request, VetoAppealSchema, { maxFiles: MAX_PHOTOS });
  if (!parsed.ok) {
    return data<FindingFormAnswer>({ fieldErrors: parsed.fieldErrors, formError: parsed.formError, intent: "appeal", values: parsed.values }, { status: 400 });
  }
  const ctx = { orgId: viewer.org.id, actorUserId: viewer.user.id, ip: context.clientIp ?? null };
  const stored = await storePhotos(parsed.photos, { orgId: viewer.org.id, takenAt: now(), timeZone: viewer.org.timeZone, label: veto.contractTitle });
  const filed = await fileAppeal(db(), ctx, { contractorId: viewer.membership.contractorId, target: "veto", vetoEventId: veto.id, reason: parsed.data.reason, photos: stored, today });
  if (!filed.ok) {
    await discardPhotos(stored);
    invariantResponse(filed.error !== "not_found", ...NOT_FOUND);
    return appealRefusalAnswer(filed.error, parsed.values);
  }
  return redirect(`/contractor/vetoes/${veto.id}?done=appeal`, 303);
}

export default function ContractorVetoPage() {
  const { veto, photos, appeals, closesOn, refusal } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as FindingFormAnswer | undefined;
  const { t } = useTranslation();
  const { pick } = useLocale();
  const [search] = useSearchParams();
  return (
    <div className="page narrow">
      <p>
        <a href="/contractor">← {t("contractor.back")}</a>
      </p>
      <h1>{veto.itemLabel ? pick(veto.itemLabel) : veto.itemId}</h1>
      <div aria-live="polite">
        {search.get("done") === "appeal" ? (
          <p className="notice" role="status">
            {t("contractor.appeal.filed")}
          </p>
        ) : null}
      </div>
      <p className="quarter-warn">{t(`contractor.veto.status.${veto.status}`)}</p>
      <section className="finding-panel" aria-labelledby="facts-title">
        <h2 id="facts-title">{t("contractor.veto.title")}</h2>
        <dl className="finding-facts">
          <dt>{t("findings.facts.contract")}</dt>
          <dd>{veto.contractTitle}</dd>
          <dt>{t("contractor.veto.period")}</dt>
          <dd>{veto.period}</dd>
          <dt>{t("contractor.veto.occurredOn")}</dt>
          <dd>{veto.occurredOn}</dd>
          <dt>{t("findings.facts.note")}</dt>
          <dd className="finding-note">{veto.note}</dd>
        </dl>
        <h3>{t("findings.photos")}</h3>
        {photos.length ? <PhotoThumbs photos={photos} /> : <p className="muted">{t("findings.noPhotos")}</p>}
      </section>
      <AppealLines appeals={appeals} linked={false} />
      {veto.status === "withdrawn" ? null : <AppealSection closesOn={closesOn} choices={[{ target: "veto", refusal }]} answer={answer} />}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
