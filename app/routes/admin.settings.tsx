import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getPatrolTarget, setPatrolTarget } from "~/queries.server";
import { PATROL_TARGETS } from "../../domain/findings";
import { AdminNav } from "~/admin/components";
import { adminLinks } from "~/admin/links";
import surveyCss from "~/styles/survey.css?url";
import { writeContext } from "~/admin/respond.server";
import { requireRole } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useMessage } from "~/components/form";
import { db } from "~/db.server";
import { msg, parseForm, type FieldErrors } from "~/utils/forms";
import { invariantResponse, NOT_FOUND } from "~/utils/invariant";

export const handle = { i18n: ["patrols"] };
// survey.css has the big radio rows (.checkbox-field).
export const links = () => [...adminLinks(), { rel: "stylesheet", href: surveyCss }];
export const meta: MetaFunction = () => [{ title: "机构设置 · 考评" }];

export const PatrolTargetSchema = z.object({ patrolTarget: z.enum(PATROL_TARGETS, msg("patrols.setting.invalid")) });

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "admin");
  const target = await getPatrolTarget(db(), { orgId: viewer.org.id });
  invariantResponse(target, ...NOT_FOUND);
  return { target };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireRole(request, "admin");
  const parsed = await parseForm(request, PatrolTargetSchema, { maxBytes: 4 * 1024 });
  if (!parsed.ok) return data<{ fieldErrors: FieldErrors }>({ fieldErrors: parsed.fieldErrors }, { status: 400 });
  const result = await setPatrolTarget(db(), writeContext(viewer, context), { target: parsed.data.patrolTarget });
  invariantResponse(result.ok, ...NOT_FOUND);
  return redirect("/admin/settings?done=saved");
}

/** Organisation settings: how often each grid cell should be patrolled (the target of the patrol view). */
export default function AdminSettings() {
  const { target } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const message = useMessage();
  const error = actionData?.fieldErrors?.patrolTarget?.[0];
  return (
    <div className="admin">
      <div className="page">
        <AdminNav />
        <h1>{t("patrols.setting.title")}</h1>
        <div aria-live="polite">{search.get("done") === "saved" ? <p className="notice">{t("patrols.setting.saved")}</p> : null}</div>
        <Form method="post" className="form narrow">
          <fieldset className="field" aria-describedby={error ? "patrol-target-error patrol-target-hint" : "patrol-target-hint"}>
            <legend>{t("patrols.setting.label")}</legend>
            <p className="hint" id="patrol-target-hint">
              {t("patrols.setting.hint")}
            </p>
            {PATROL_TARGETS.map((p) => (
              <div className="checkbox-field" key={p}>
                <input type="radio" id={`target-${p}`} name="patrolTarget" value={p} defaultChecked={p === target} />
                <label htmlFor={`target-${p}`}>{t(`patrols.target.${p}`)}</label>
              </div>
            ))}
            {error ? (
              <p className="field-error" id="patrol-target-error" role="alert">
                {message(error)}
              </p>
            ) : null}
          </fieldset>
          <p className="actions">
            <button type="submit" className="primary">
              {t("patrols.setting.save")}
            </button>
          </p>
        </Form>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
