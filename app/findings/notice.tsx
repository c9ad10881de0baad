/**
 * The printable rectification notice (整改通知单) of one finding: an A4 sheet
 * with the organisation, contractor, contract, place, item, severity, note,
 * photos, deadline and signature lines. The inspection's notice prints one
 * sheet per finding (each has its own deadline and photos).
 */
import { useTranslation } from "react-i18next";
import type { FindingView } from "../../db/queries/inspections/detail";
import { useLocale } from "~/utils/localise";

type NoticeFinding = Pick<
  FindingView,
  "id" | "contractor" | "contract" | "site" | "cell" | "item" | "itemId" | "severity" | "note" | "foundOn" | "dueOn" | "photos" | "inspection" | "listStatus"
>;

export function NoticeToolbar({ back }: { back: string }) {
  const { t } = useTranslation();
  return (
    <div className="notice-toolbar">
      <a href={back}>← {t("findings.back")}</a>
      <button type="button" className="primary" onClick={() => window.print()}>
        {t("findings.notice.print")}
      </button>
    </div>
  );
}

export function NoticeSheet({ f, organisation, today }: { f: NoticeFinding; organisation: string; today: string }) {
  const { t } = useTranslation();
  const { pick } = useLocale();
  const place = [f.site.name, f.cell ? `${f.cell.code} ${f.cell.name}` : null].filter(Boolean).join(" · ");
  return (
    <article className="notice-sheet" aria-label={t("findings.notice.title")}>
      <p className="notice-org">{organisation}</p>
      <h1>{t("findings.notice.title")}</h1>
      <p className="notice-number">{t("findings.notice.number", { id: f.id.slice(0, 8).toUpperCase() })}</p>
      <p>{t("findings.notice.to", { contractor: f.contractor.name })}</p>
      <p>{t("findings.notice.intro")}</p>
      <table className="notice-table">
        <tbody>
          <tr>
            <th scope="row">{t("findings.facts.contract")}</th>
            <td>
              {f.contract.title}
              {f.contract.code ? `（${f.contract.code}）` : ""}
            </td>
          </tr>
          <tr>
            <th scope="row">{t("findings.facts.place")}</th>
            <td>{place}</td>
          </tr>
          <tr>
            <th scope="row">{t("findings.facts.item")}</th>
            <td>{f.item ? `${pick(f.item.dimension)} · ${pick(f.item.label)}` : f.itemId}</td>
          </tr>
          <tr>
            <th scope="row">{t("findings.facts.severity")}</th>
            <td>{t(`severity.${f.severity}`)}</td>
          </tr>
          <tr>
            <th scope="row">{t("findings.facts.foundOn")}</th>
            <td>
              {f.foundOn} · {t(`findings.kinds.${f.inspection.kind}`)}
            </td>
          </tr>
          <tr>
            <th scope="row">{t("findings.facts.note")}</th>
            <td className="finding-note">{f.note}</td>
          </tr>
          {f.photos.length > 0 ? (
            <tr>
              <th scope="row">{t("findings.photos")}</th>
              <td>
                <div className="notice-photos">
                  {f.photos.map((p, i) => (
                    <img key={p.id} src={`/files/${p.id}`} alt={t("findings.photo", { n: i + 1 })} width={p.width} height={p.height} />
                  ))}
                </div>
              </td>
            </tr>
          ) : null}
          <tr>
            <th scope="row">{t("findings.facts.dueOn")}</th>
            <td>
              <strong>{f.dueOn}</strong>
            </td>
          </tr>
        </tbody>
      </table>
      <p className="notice-deadline">{t("findings.notice.deadline", { dueOn: f.dueOn })}</p>
      <p className="small">{t("findings.notice.issuedOn", { day: today })}</p>
      <div className="notice-signatures">
        <div>
          <p>{t("findings.notice.issuer")}</p>
          <div className="line" />
          <p>{t("findings.notice.signDate")}</p>
        </div>
        <div>
          <p>{t("findings.notice.receiver")}</p>
          <div className="line" />
          <p>{t("findings.notice.signDate")}</p>
        </div>
      </div>
    </article>
  );
}
