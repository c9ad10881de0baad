/**
 * What a rubric version changes against another (`?against=<versionId>`) or
 * the built-in default (`?against=default`, the default): engine's
 * `diffRubrics` as a table of added, removed, renamed and changed parts with
 * before → after. Reads only.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { diffRubrics, type Change, type RubricDiff } from "../../scoring/rubric-diff";
import { defaultRubric } from "../../scoring/rubrics/index";
import type { LocalisedText } from "../../scoring/types";
import { getRubricVersion, listRubricVersions } from "~/queries.server";
import { AdminHeader } from "~/admin/components";
import { adminLinks } from "~/admin/links";
import { requireRole } from "~/auth/session.server";
import { db } from "~/db.server";
import { invariantResponse, NOT_FOUND } from "~/utils/invariant";
import { useLocale } from "~/utils/localise";

export const meta: MetaFunction = () => [{ title: "版本比较 · 考评" }];
export const links = adminLinks;
export const handle = { i18n: ["rubriceditor"] };

const GROUPS = ["dimensions", "items", "vetoItems", "bonusItems", "questions", "settings"] as const satisfies readonly (keyof RubricDiff)[];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "admin");
  const orgId = viewer.org.id;
  const version = await getRubricVersion(db(), { orgId, id: params.id ?? "" });
  invariantResponse(version, ...NOT_FOUND);
  const against = new URL(request.url).searchParams.get("against")?.slice(0, 64) || "default";
  const others = (await listRubricVersions(db(), { orgId, serviceType: version.serviceType })).filter((v) => v.id !== version.id);
  let before;
  let beforeLabel: string;
  if (against === "default") {
    before = defaultRubric(version.serviceType);
    beforeLabel = `${before.id} ${before.version}`;
  } else {
    const other = await getRubricVersion(db(), { orgId, id: against });
    // Another organisation's id, or a version of another service type: not found.
    invariantResponse(other && other.serviceType === version.serviceType, ...NOT_FOUND);
    before = other.rubric;
    beforeLabel = other.version;
  }
  return {
    version: { id: version.id, version: version.version, serviceType: version.serviceType },
    against,
    beforeLabel,
    defaultVersion: defaultRubric(version.serviceType).version,
    others: others.map((v) => ({ id: v.id, version: v.version, status: v.status })),
    diff: diffRubrics(before, version.rubric),
  };
}

export default function RubricDiffPage() {
  const { t } = useTranslation();
  const id = useId();
  const { version, against, beforeLabel, defaultVersion, others, diff } = useLoaderData<typeof loader>();
  const changes = GROUPS.flatMap((group) => diff[group].map((change) => ({ group, change })));
  return (
    <div className="page admin">
      <AdminHeader title={t("rubriceditor.diff.title")} />
      <Form method="get" className="inline-row">
        <label htmlFor={`${id}-against`}>{t("rubriceditor.diff.against")}</label>
        <select id={`${id}-against`} name="against" defaultValue={against}>
          <option value="default">{t("rubriceditor.diff.againstDefault", { version: defaultVersion })}</option>
          {others.map((v) => (
            <option key={v.id} value={v.id}>
              {v.version} ({t(`rubriceditor.status.${v.status}`)})
            </option>
          ))}
        </select>
        <button type="submit" className="secondary small-button">
          {t("rubriceditor.diff.show")}
        </button>
      </Form>
      {changes.length === 0 ? (
        <p className="notice">{t("rubriceditor.diff.none")}</p>
      ) : (
        <div className="table-scroll">
          <table className="admin-table">
            <caption>{t("rubriceditor.diff.caption", { before: beforeLabel, after: version.version })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("rubriceditor.diff.what")}</th>
                <th scope="col">{t("rubriceditor.diff.kind")}</th>
                <th scope="col">{t("rubriceditor.diff.field")}</th>
                <th scope="col">{t("rubriceditor.diff.before")}</th>
                <th scope="col">{t("rubriceditor.diff.after")}</th>
              </tr>
            </thead>
            <tbody>
              {changes.map(({ group, change }) => (
                <ChangeRow key={`${group}:${change.id}:${change.kind}:${change.field ?? ""}`} group={group} change={change} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <Link to={`/admin/rubrics/${version.id}`}>{version.version}</Link>
      </p>
    </div>
  );
}

function isLabel(value: unknown): value is LocalisedText {
  return typeof value === "object" && value !== null && "zh-CN" in value && "en" in value;
}

function ChangeRow({ group, change }: { group: (typeof GROUPS)[number]; change: Change }) {
  const { t } = useTranslation();
  const { pick, number } = useLocale();
  const show = (value: unknown): string => {
    if (value === undefined || value === null) return "—";
    if (typeof value === "number") return number(value, 3);
    if (isLabel(value)) return pick(value);
    return String(value);
  };
  return (
    <tr>
      <th scope="row">
        <span className="muted">{t(`rubriceditor.diff.groups.${group}`)}</span> {pick(change.label)}
        <span className="hint mono"> {change.id}</span>
      </th>
      <td data-label={t("rubriceditor.diff.kind")}>{t(`rubriceditor.diff.kinds.${change.kind}`)}</td>
      <td data-label={t("rubriceditor.diff.field")}>{change.field ?? "—"}</td>
      <td data-label={t("rubriceditor.diff.before")}>{show(change.before)}</td>
      <td data-label={t("rubriceditor.diff.after")}>
        <span aria-hidden="true">→ </span>
        {show(change.after)}
      </td>
    </tr>
  );
}
