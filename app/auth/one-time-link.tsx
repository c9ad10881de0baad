import { useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * A one-time link (invitation, password reset) shown once after the action
 * that made it: selectable without JavaScript, with a copy button after hydration.
 */
export function OneTimeLink({ link, label }: { link: string; label: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <div className="notice" role="status">
      <p>{label}</p>
      <p className="hint">{t("auth.oneTimeLink.once")}</p>
      <div className="inline-row">
        <input readOnly value={link} aria-label={label} onFocus={(e) => e.currentTarget.select()} data-one-time-link />
        <button
          type="button"
          className="secondary small-button"
          onClick={() => {
            void navigator.clipboard?.writeText(link).then(() => setCopied(true));
          }}
        >
          {copied ? t("auth.oneTimeLink.copied") : t("auth.oneTimeLink.copy")}
        </button>
      </div>
    </div>
  );
}
