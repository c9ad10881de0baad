/**
 * The printable quarter score sheet (季度考核表) of a contract's quarter: one
 * A4 page from the same `getQuarterScore` view as the score page — a
 * finalised quarter prints its snapshot (and revision), a live one is marked
 * as a draft — with the sign-off lines (考核人 / 复核人 / 服务单位确认).
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatFen } from "~/admin/money";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { loadQuarterScore, type LoadedQuarter } from "~/scores/score-load.server";
import quarterCss from "~/styles/quarter.css?url";
import { useLocale } from "~/utils/localise";

export const handle = { i18n: ["quarter"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: quarterCss }];
export const meta: MetaFunction = () => [{ title: "季度考核表 · 考评" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { view, viewer } = await loadQuarterScore(request, params);
  return { view, organisation: viewer.org.name };
}

export default function QuarterSheet() {
  const { view, organisation } = useLoaderData<typeof loader>() as unknown as { view: LoadedQuarter; organisation: string };
  const { t } = useTranslation();
  const { pick, number, percent, locale } = useLocale();
  const c = view.contract;
  const s = view.score;
  const last = view.revisions.at(-1);
  const fee = view.fee;
  return (
    <div className="page">
      <div className="sheet-toolbar">
        <a href={`/supervisor/scores/${c.id}/${view.period}`}>← {t("quarter.back")}</a>
        <button type="button" className="primary" onClick={() => window.print()}>
          {t("quarter.sheet.print")}
        </button>
      </div>
      <article className="quarter-sheet" aria-label={t("quarter.sheet.title")}>
        <p className="sheet-org">{organisation}</p>
        <h1>{t("quarter.sheet.title")}</h1>
        {view.source === "live" ? (
          <p className="sheet-mark" data-testid="sheet-draft">
            {t("quarter.sheet.draft")}
          </p>
        ) : null}
        {s.provisional ? (
          <p className="sheet-mark" data-testid="sheet-provisional">
            {t("quarter.sheet.provisional")}
          </p>
        ) : null}
        <table className="sheet-table">
          <tbody>
            <tr>
              <th scope="row">{t("quarter.facts.contractor")}</th>
              <td>{c.contractorName}</td>
              <th scope="row">{t("quarter.facts.period")}</th>
              <td>{view.period}</td>
            </tr>
            <tr>
              <th scope="row">{t("quarter.facts.contract")}</th>
              <td>
                {c.title}
                {c.code ? `（${c.code}）` : ""} · {t(`serviceTypes.${c.serviceType}`)}
              </td>
              <th scope="row">{t("quarter.facts.rubric")}</th>
              <td>
                {view.rubric.id}@{view.rubric.version}
              </td>
            </tr>
          </tbody>
        </table>
        <p className="small">
          {view.source === "snapshot" && last
            ? t("quarter.sheet.revision", { revision: last.revision, on: last.createdOn })
            : t("quarter.source.live", { asOf: view.asOf })}
        </p>
        <table className="sheet-table">
          <thead>
            <tr>
              <th scope="col">{t("quarter.sheet.dimension")}</th>
              <th scope="col">{t("quarter.sheet.deductions")}</th>
              <th scope="col" className="num">
                {t("quarter.sheet.points")}
              </th>
            </tr>
          </thead>
          <tbody>
            {s.dimensions.map((d) => {
              const dim = view.rubric.dimensions.find((x) => x.id === d.id);
              return (
                <tr key={d.id}>
                  <th scope="row">{dim ? pick(dim.label) : d.id}</th>
                  <td>
                    {d.deductions.length === 0 ? (
                      t("quarter.sheet.none")
                    ) : (
                      <ul>
                        {d.deductions.map((x, i) => (
                          <li key={x.findingId ?? `${x.itemId}-${i}`}>
                            {pick(x.reason)} {t("quarter.deductions.pointsValue", { points: number(x.points) })}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className="num">{t("quarter.points", { points: number(d.points), max: number(d.max) })}</td>
                </tr>
              );
            })}
            <tr>
              <th scope="row">{t("quarter.sheet.bonus")}</th>
              <td>{s.bonuses.length ? s.bonuses.map((b) => t("quarter.bonus.entry", { label: pick(b.label), points: number(b.points) })).join("；") : t("quarter.sheet.none")}</td>
              <td className="num">{t("quarter.bonus.value", { points: number(s.bonus), cap: number(view.rubric.bonusCap) })}</td>
            </tr>
            <tr>
              <th scope="row">{t("quarter.sheet.veto")}</th>
              <td colSpan={2}>
                {s.vetoes.length ? s.vetoes.map((v) => t("quarter.vetoes.entry", { day: v.occurredOn, label: pick(v.label) })).join("；") : t("quarter.sheet.none")}
              </td>
            </tr>
            <tr>
              <th scope="row">{t("quarter.sheet.total")}</th>
              <td>
                <strong>{t(`grades.${s.grade}`)}</strong>
              </td>
              <td className="num">
                <strong data-testid="sheet-total">{number(s.total)}</strong>
              </td>
            </tr>
            <tr>
              <th scope="row">{t("quarter.sheet.satisfaction")}</th>
              <td colSpan={2}>
                {s.satisfaction.rate === null
                  ? t("quarter.satisfaction.noRate", { target: percent(view.rubric.satisfaction.targetRate, 1) })
                  : t("quarter.satisfaction.rate", { rate: percent(s.satisfaction.rate, 1), target: percent(view.rubric.satisfaction.targetRate, 1) })}{" "}
                · {t("quarter.satisfaction.respondents", { count: s.satisfaction.respondents })} ·{" "}
                {view.responseRate === null ? t("quarter.satisfaction.responseRateNone") : t("quarter.satisfaction.responseRate", { rate: percent(view.responseRate, 1) })}
              </td>
            </tr>
            <tr>
              <th scope="row">{t("quarter.sheet.fee")}</th>
              <td colSpan={2}>
                {t("quarter.fee.quarterFee")} {formatFen(fee.quarterFeeFen, locale)} · {t("quarter.fee.percent")} {number(fee.percent, 2)}% · {t("quarter.fee.payable")}{" "}
                {formatFen(fee.payableFen, locale)} · {t("quarter.fee.deducted")} {formatFen(fee.deductedFen, locale)}
                <br />
                <span className="small">{t(`quarter.fee.basis.${fee.basis}`, { termDays: fee.termDays, quarterDays: fee.quarterDays })}</span>
              </td>
            </tr>
          </tbody>
        </table>
        <div className="sheet-signatures">
          {(["assessor", "reviewer", "contractorSign"] as const).map((k) => (
            <div key={k}>
              <p>{t(`quarter.sheet.${k}`)}</p>
              <div className="line" />
              <p>{t("quarter.sheet.date")}</p>
            </div>
          ))}
        </div>
      </article>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
