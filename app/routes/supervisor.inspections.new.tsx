/**
 * Recording an inspection on a phone. The steps are plain links (GET
 * parameters), so the page works without JavaScript and the back button
 * steps back: kind → (patrol) cell → contract, or (spot check, assessment)
 * contract → site or cell; then the finding form. After saving, the same
 * place's form comes back with "saved", to add another finding or finish.
 */
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { OpenRepeat } from "../../db/queries/inspections/record";
import { INSPECTION_KINDS, type InspectionKind } from "../../domain/findings";
import { requireRole } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { photoFieldLinks } from "~/components/photo-field";
import { db } from "~/db.server";
import { FindingForm, type FindingFormPlace } from "~/inspections/components/finding-form";
import { StepList } from "~/inspections/components/step-list";
import { stepHref } from "~/inspections/steps";
import { refusalErrors, refusalStatus } from "~/inspections/errors";
import { recordSchemaFor } from "~/inspections/schema";
import { addFindingPhotos, findOpenRepeat, getGridCell, getSite, recordFinding, recordingOptions, recordPatrol } from "~/queries.server";
import inspectionsCss from "~/styles/inspections.css?url";
import { now, todayFor } from "~/utils/clock.server";
import { msg, type FieldErrors } from "~/utils/forms";
import { parseMultipartForm } from "~/utils/multipart.server";
import { discardPhotos, discardStaged, storePhotos } from "../../server/photos";

export const handle = { i18n: ["inspections", "photos"] };
export const links: LinksFunction = () => [...photoFieldLinks, { rel: "stylesheet", href: inspectionsCss }];
export const meta: MetaFunction = () => [{ title: "记录检查 · 考评" }];

const isKind = (v: string | null): v is InspectionKind => (INSPECTION_KINDS as readonly string[]).includes(v ?? "");

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "supervisor", "admin");
  const today = todayFor(viewer.org);
  const p = new URL(request.url).searchParams;
  const options = await recordingOptions(db(), { orgId: viewer.org.id, userId: viewer.user.id, today });
  const kind = isKind(p.get("kind")) ? (p.get("kind") as InspectionKind) : null;
  const cell = options.cells.find((c) => c.id === p.get("cellId")) ?? null;
  const site = options.sites.find((s) => s.id === (cell?.siteId ?? p.get("siteId"))) ?? null;
  const contract = options.contracts.find((c) => c.id === p.get("contractId")) ?? null;
  const siteName = (id: string) => options.sites.find((s) => s.id === id)?.name ?? "";
  const contractSummary = (c: (typeof options.contracts)[number]) => ({ id: c.id, title: c.title, contractorName: c.contractorName, serviceType: c.serviceType });
  const banner = { saved: p.get("saved"), inspectionId: p.get("inspection"), repeat: p.get("repeat") === "1", duplicate: p.get("duplicate") === "1", added: p.get("added") === "1" };
  const base = { kind, today, banner };

  if (!kind) return { ...base, step: "kind" as const };

  if (kind === "patrol") {
    if (!cell) {
      return { ...base, step: "cell" as const, cells: options.cells.map((c) => ({ id: c.id, code: c.code, name: c.name, siteName: siteName(c.siteId), mine: c.mine, hasLeader: c.hasLeader })) };
    }
    if (cell.hasLeader && !cell.mine) return { ...base, step: "notLeader" as const, cell: { id: cell.id, code: cell.code, name: cell.name } };
    const covering = options.contracts.filter((c) => c.siteIds.includes(cell.siteId));
    const chosen = contract && covering.includes(contract) ? contract : covering.length === 1 ? covering[0]! : null;
    if (!chosen) {
      return { ...base, step: "contract" as const, cell: { id: cell.id, code: cell.code, name: cell.name }, siteName: siteName(cell.siteId), contracts: covering.map(contractSummary) };
    }
    return await formStep(chosen, { kind, gridCellId: cell.id, siteId: cell.siteId, label: `${cell.code} ${cell.name}`, siteName: siteName(cell.siteId), recentItemIds: cell.recentItemIds, otherContracts: covering.length > 1 });
  }

  // A spot check or assessment: the contract first, then one of its sites or cells.
  if (!contract) return { ...base, step: "contract" as const, cell: null, siteName: null, contracts: options.contracts.map(contractSummary) };
  const place = cell ?? (site && !p.get("cellId") ? site : null);
  if (!place || !contract.siteIds.includes(site!.id)) {
    const places = contract.siteIds.map((siteId) => ({
      siteId,
      siteName: siteName(siteId),
      cells: options.cells.filter((c) => c.siteId === siteId).map((c) => ({ id: c.id, code: c.code, name: c.name })),
    }));
    return { ...base, step: "place" as const, contract: contractSummary(contract), places };
  }
  return await formStep(contract, {
    kind,
    gridCellId: cell?.id ?? null,
    siteId: site!.id,
    label: cell ? `${cell.code} ${cell.name}` : site!.name,
    siteName: site!.name,
    recentItemIds: cell ? cell.recentItemIds : site!.recentItemIds,
    otherContracts: true,
  });

  async function formStep(
    c: (typeof options.contracts)[number],
    at: { kind: InspectionKind; gridCellId: string | null; siteId: string; label: string; siteName: string; recentItemIds: string[]; otherContracts: boolean },
  ) {
    const itemId = p.get("itemId");
    const openRepeat: OpenRepeat | null = itemId
      ? await findOpenRepeat(db(), { orgId: viewer.org.id, gridCellId: at.gridCellId, siteId: at.siteId, itemId, foundOn: today })
      : null;
    const place: FindingFormPlace = { ...at, contract: { ...contractSummary(c), dimensions: c.dimensions } };
    return { ...base, step: "form" as const, place, openRepeat };
  }
}

type ActionResult = { fieldErrors: FieldErrors; formError?: string; values?: Record<string, unknown>; openRepeat?: OpenRepeat };

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireRole(request, "supervisor", "admin");
  const today = todayFor(viewer.org);
  const parsed = await parseMultipartForm(request, recordSchemaFor);
  if (!parsed.ok) return data<ActionResult>({ fieldErrors: parsed.fieldErrors, formError: parsed.formError, values: parsed.values }, { status: 400 });
  const ctx = { orgId: viewer.org.id, actorUserId: viewer.user.id, ip: context.clientIp ?? null };
  const values = parsed.values;
  const refused = async (error: Parameters<typeof refusalErrors>[0], stored: Parameters<typeof discardPhotos>[0] = []) => {
    await discardPhotos(stored);
    return data<ActionResult>({ ...refusalErrors(error), values }, { status: refusalStatus(error) });
  };
  const d = parsed.data;
  const back = (extra: Record<string, string>) =>
    stepHref({ kind: d.kind, cellId: d.gridCellId, siteId: d.gridCellId ? undefined : d.siteId, contractId: d.contractId, ...extra });

  if (parsed.intent === "nothing" && "gridCellId" in d && d.gridCellId) {
    await discardStaged(parsed.photos);
    const result = await recordPatrol(db(), ctx, { gridCellId: d.gridCellId, inspectedOn: today, today });
    if (!result.ok) return refused(result.error);
    return redirect(`/supervisor/inspections/${result.inspectionId}`);
  }

  // What the photos are stamped with: the cell's code, or the site's name.
  const cell = d.gridCellId ? await getGridCell(db(), { orgId: viewer.org.id, id: d.gridCellId }) : null;
  const site = !cell && d.siteId ? await getSite(db(), { orgId: viewer.org.id, id: d.siteId }) : null;
  if (!cell && !site) {
    await discardStaged(parsed.photos);
    return refused("not_found");
  }
  const stamp = { orgId: viewer.org.id, takenAt: now(), timeZone: viewer.org.timeZone, label: cell ? cell.code : site!.name };

  if (parsed.intent === "addPhotos" && "findingId" in d) {
    if (parsed.photos.length === 0) return data<ActionResult>({ fieldErrors: { photos: [msg("inspections.errors.noPhotos")] }, values }, { status: 400 });
    const stored = await storePhotos(parsed.photos, stamp);
    const result = await addFindingPhotos(db(), ctx, { findingId: d.findingId, photos: stored, today });
    if (!result.ok) return refused(result.error, stored);
    return redirect(back({ saved: result.findingId, added: "1" }));
  }

  if (!("itemId" in d)) return data<ActionResult>({ fieldErrors: {}, formError: msg("form.malformed"), values }, { status: 400 });
  const stored = await storePhotos(parsed.photos, stamp);
  const result = await recordFinding(db(), ctx, {
    kind: d.kind,
    gridCellId: d.gridCellId ?? null,
    siteId: cell ? cell.siteId : d.siteId,
    contractId: d.contractId,
    itemId: d.itemId,
    severity: d.severity,
    note: d.note,
    foundOn: today,
    dueOn: d.dueOn,
    clientKey: d.clientKey ?? null,
    photos: stored,
    today,
    warnOpenRepeat: true,
    repeatSeen: d.repeatSeen ?? null,
  });
  if (!result.ok) {
    if (result.error === "open_repeat" && "openRepeat" in result) {
      await discardPhotos(stored);
      return data<ActionResult>({ fieldErrors: {}, values, openRepeat: result.openRepeat }, { status: 409 });
    }
    return refused(result.error as Parameters<typeof refusalErrors>[0], stored);
  }
  // A retried submission: the first one's photos are on the finding already.
  if (result.duplicate) await discardPhotos(stored);
  return redirect(
    back({
      saved: result.finding.id,
      inspection: result.inspectionId,
      ...(result.finding.repeatOfId ? { repeat: "1" } : {}),
      ...(result.duplicate ? { duplicate: "1" } : {}),
    }),
  );
}

export default function NewInspection() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const { t } = useTranslation();
  const repeatCheck = useFetcher<typeof loader>();

  return (
    <div className="page narrow inspections">
      <h1>{t("inspections.new.title")}</h1>
      {loaded.step === "kind" ? (
        <StepList
          heading={t("inspections.new.chooseKind")}
          items={INSPECTION_KINDS.map((k) => ({ key: k, href: stepHref({ kind: k }), title: t(`inspections.kinds.${k}`), sub: t(`inspections.kindHints.${k}`) }))}
        />
      ) : null}

      {loaded.step === "cell" ? (
        <>
          <p>
            <a href={stepHref({})}>{t("inspections.new.back")}</a>
          </p>
          {loaded.cells.length === 0 ? <p className="notice">{t("inspections.new.noCells")}</p> : null}
          {/* The viewer's own cells, then the cells no one leads (any supervisor may patrol those). */}
          {[true, false].map((mine) => {
            const cells = loaded.cells.filter((c) => (mine ? c.mine : !c.hasLeader));
            if (cells.length === 0) return null;
            return (
              <StepList
                key={String(mine)}
                heading={t(mine ? "inspections.new.myCells" : "inspections.new.otherCells")}
                items={cells.map((c) => ({ key: c.id, href: stepHref({ kind: "patrol", cellId: c.id }), title: `${c.code} ${c.name}`, sub: c.siteName }))}
              />
            );
          })}
        </>
      ) : null}

      {loaded.step === "notLeader" ? (
        <>
          <p>
            <a href={stepHref({ kind: "patrol" })}>{t("inspections.new.back")}</a>
          </p>
          <p className="notice" role="status">
            {loaded.cell.code} {loaded.cell.name}: {t("inspections.new.notLeader")}
          </p>
        </>
      ) : null}

      {loaded.step === "contract" ? (
        <>
          <p>
            <a href={stepHref({ kind: loaded.kind })}>{t("inspections.new.back")}</a>
          </p>
          {loaded.contracts.length === 0 ? (
            <p className="notice">{t("inspections.new.noContracts")}</p>
          ) : (
            <StepList
              heading={loaded.siteName ? t("inspections.new.contractsHere", { site: loaded.siteName }) : t("inspections.new.chooseContract")}
              items={loaded.contracts.map((c) => ({
                key: c.id,
                href: stepHref({ kind: loaded.kind, cellId: loaded.cell?.id, contractId: c.id }),
                title: `${c.contractorName} · ${t(`serviceTypes.${c.serviceType}`)}`,
                sub: c.title,
              }))}
            />
          )}
        </>
      ) : null}

      {loaded.step === "place" ? (
        <>
          <p>
            <a href={stepHref({ kind: loaded.kind })}>{t("inspections.new.back")}</a>
          </p>
          <p className="muted">
            {loaded.contract.contractorName} · {loaded.contract.title}
          </p>
          {loaded.places.length === 0 ? <p className="notice">{t("inspections.new.noSitesForContract")}</p> : null}
          {loaded.places.map((pl) => (
            <StepList
              key={pl.siteId}
              heading={pl.siteName}
              items={[
                { key: pl.siteId, href: stepHref({ kind: loaded.kind, contractId: loaded.contract.id, siteId: pl.siteId }), title: t("inspections.new.wholeSite", { site: pl.siteName }) },
                ...pl.cells.map((c) => ({ key: c.id, href: stepHref({ kind: loaded.kind, contractId: loaded.contract.id, cellId: c.id }), title: `${c.code} ${c.name}` })),
              ]}
            />
          ))}
        </>
      ) : null}

      {loaded.step === "form" ? (
        <FindingForm
          key={loaded.banner.saved ?? "new"}
          place={loaded.place}
          today={loaded.today}
          banner={loaded.banner}
          actionData={actionData}
          openRepeat={actionData?.openRepeat ?? (repeatCheck.data && "openRepeat" in repeatCheck.data ? repeatCheck.data.openRepeat : null) ?? loaded.openRepeat}
          onItemChosen={(itemId) =>
            repeatCheck.load(
              stepHref({
                kind: loaded.place.kind,
                cellId: loaded.place.gridCellId,
                siteId: loaded.place.gridCellId ? null : loaded.place.siteId,
                contractId: loaded.place.contract.id,
                itemId,
              }),
            )
          }
          backHref={stepHref({ kind: loaded.place.kind, cellId: loaded.place.kind === "patrol" ? loaded.place.gridCellId : null })}
          changeContractHref={
            loaded.place.otherContracts
              ? stepHref({ kind: loaded.place.kind, cellId: loaded.place.kind === "patrol" ? loaded.place.gridCellId : null })
              : null
          }
        />
      ) : null}
      {loaded.step === "form" && loaded.place.kind === "patrol" ? (
        <Form method="post" encType="multipart/form-data" className="nothing-found">
          <input type="hidden" name="kind" value="patrol" />
          <input type="hidden" name="gridCellId" value={loaded.place.gridCellId ?? ""} />
          <input type="hidden" name="siteId" value={loaded.place.siteId} />
          <p className="hint" id="nothing-found-hint">
            {t("inspections.new.nothingFoundHint")}
          </p>
          <button type="submit" name="intent" value="nothing" className="secondary big" aria-describedby="nothing-found-hint">
            {t("inspections.new.nothingFound")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
