import { useTranslation } from "react-i18next";
import { SERVICE_TYPES } from "../../scoring/types";

export default function Index() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <section className="hero">
        <h1>
          {t("app.name")} <small>{t("app.tagline")}</small>
        </h1>
        <p>{t("app.intro")}</p>
        <p className="actions">
          <a className="button" href="/login">
            {t("nav.login")}
          </a>
          <a className="button secondary" href="/rubrics">
            {t("nav.rubrics")}
          </a>
        </p>
      </section>
      <ul className="card-grid" aria-label={t("rubrics.title")}>
        {SERVICE_TYPES.map((type) => (
          <li key={type} className="card">
            <a href={`/rubrics/${type}`}>{t(`serviceTypes.${type}`)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
