import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { LOCALES } from "~/i18n/config";
import { localeCookie } from "~/i18n/locale.server";
import { isSecureRequest } from "~/utils/origin.server";
import { parseForm } from "~/utils/forms";
import { invariantResponse } from "~/utils/invariant";
import { safeRedirect } from "~/utils/safe-redirect";

const LocaleForm = z.object({
  lng: z.enum(LOCALES),
  redirectTo: z.string().max(2000).optional(),
});

/** Switches the interface language; a plain form post, so it works without JavaScript. */
export async function action({ request }: ActionFunctionArgs) {
  // Through the one body reader: a body that is not a form (or is too large) is a 400/413, not a 500.
  const parsed = await parseForm(request, LocaleForm, { maxBytes: 4 * 1024 });
  invariantResponse(parsed.ok, "Unsupported language", { status: 400 });
  return redirect(safeRedirect(parsed.data.redirectTo, "/"), {
    headers: { "Set-Cookie": await localeCookie.serialize(parsed.data.lng, { secure: isSecureRequest(request) }) },
  });
}

export function loader() {
  return redirect("/");
}
