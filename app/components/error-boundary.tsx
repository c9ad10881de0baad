import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** One error page for every route: a clear message per status, never a stack trace. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // 413: a body over the limit (~/utils/body) is a bad request the person can fix.
  const key = status === 404 ? "notFound" : status === 403 ? "forbidden" : status === 400 || status === 413 ? "badRequest" : "server";
  if (!isRouteErrorResponse(error)) console.error(error);
  return (
    <section className="error-page" role="alert">
      <h1>{t(`errors.page.${key}.title`)}</h1>
      <p>{status === 413 ? t("form.tooLarge") : t(`errors.page.${key}.body`)}</p>
      <p>
        <a href="/">{t("errors.page.home")}</a>
      </p>
    </section>
  );
}
