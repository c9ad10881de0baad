/**
 * The contract annex (考核细则附件): one rubric as an A4 document, printed from
 * the browser (app/styles/annex.css). Title, the issuing organisation for an
 * organisation's version, every section of the rubric, a signature block.
 */
import { useTranslation } from "react-i18next";
import type { Rubric } from "../../scoring/types";
import { RubricSections } from "~/components/rubric-sections";

export function RubricAnnex({ rubric, orgName, backHref }: { rubric: Rubric; orgName: string | null; backHref: string }) {
  const { t } = useTranslation();
  return (
    <div className="page annex-page">
      <div className="annex-toolbar no-print">
        <a href={backHref}>← {t("rubricpages.backToRubric")}</a>
        <button type="button" className="primary" onClick={() => window.print()} data-testid="annex-print">
          {t("rubricpages.print")}
        </button>
        <p className="small muted">{t("rubricpages.printHint")}</p>
      </div>
      <article className="annex rubric" data-testid="annex">
        <header className="annex-head">
          <h1>{t("rubricpages.annexTitle", { type: t(`rubricpages.annexType.${rubric.serviceType}`), version: rubric.version })}</h1>
          {orgName ? <p>{t("rubricpages.annexOrg", { org: orgName })}</p> : null}
          <p className="annex-meta">{t("rubricpages.annexVersion", { id: rubric.id, version: rubric.version })}</p>
        </header>
        <p>{t("rubricpages.annexIntro")}</p>
        <RubricSections rubric={rubric} overview={false} />
        <footer className="annex-sign" aria-hidden="true">
          <p>{t("rubricpages.signature.party")}</p>
          <p>{t("rubricpages.signature.contractor")}</p>
          <p>{t("rubricpages.signature.date")}</p>
        </footer>
      </article>
    </div>
  );
}
