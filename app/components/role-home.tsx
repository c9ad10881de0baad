import { useTranslation } from "react-i18next";

/** The common frame of the role home pages: who you are, where, and what this page is for. */
export function RoleHome({
  role,
  orgName,
  userName,
  children,
}: {
  role: "admin" | "supervisor" | "procurement" | "staff" | "contractor";
  orgName: string;
  userName: string;
  children?: React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <p className="muted">{orgName}</p>
      <h1>
        {t(`homes.${role}.title`)} <small>{t("home.signedInAs", { name: userName })}</small>
      </h1>
      <p className="lead">{t(`homes.${role}.intro`)}</p>
      {children}
    </div>
  );
}
