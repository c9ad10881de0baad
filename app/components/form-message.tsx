/**
 * Showing form messages (i18n keys made with `msg()`), without react-hook-form
 * or zod, so the survey page (which loads its validation on demand) stays light.
 */
import { useTranslation } from "react-i18next";
import { decodeMsg } from "~/utils/messages";

/** Translates a message made by `msg()` (or a plain key). */
export function useMessage() {
  const { t } = useTranslation();
  return (message: string | undefined) => {
    if (!message) return "";
    const { key, params } = decodeMsg(message);
    return t(key, params);
  };
}

/** The form-level error, read out at once. */
export function FormError({ message: text }: { message?: string }) {
  const message = useMessage();
  if (!text) return null;
  return (
    <p className="form-error" role="alert">
      {message(text)}
    </p>
  );
}
