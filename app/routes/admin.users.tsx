import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { addMember, listMembers, removeMember, setMemberRole } from "../../db/queries/members";
import { AdminHeader, AdminTable, Pagination, ResultCount, SearchBox } from "~/admin/components";
import { adminLinks } from "~/admin/links";
import { done, fieldError, intentOf, invalid, notFound, postedValues, refused, writeContext } from "~/admin/respond.server";
import { MemberAddSchema, MembersActionSchema, PAGE_SIZE, PASSWORD_MIN, readListQuery, ROLE_VALUES } from "~/admin/schemas";
import { hashPassword } from "~/auth/password.server";
import { requireRole } from "~/auth/session.server";
import { Field, FormError, useMessage, useValidatedForm } from "~/components/form";
import { db } from "~/db.server";
import { msg, parseForm } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "用户与角色 · 考评" }];
export const links = adminLinks;

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "admin");
  const { q, page } = readListQuery(request);
  const result = await listMembers(db(), { orgId: viewer.org.id, q, page, pageSize: PAGE_SIZE });
  return { ...result, q, viewerId: viewer.user.id };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireRole(request, "admin");
  const posted = await intentOf(request);
  const values = await postedValues(request);
  const parsed = await parseForm(request, MembersActionSchema);
  if (!parsed.ok) return invalid(parsed.fieldErrors, { formError: parsed.formError, intent: posted ?? "add", values });
  const ctx = writeContext(viewer, context);
  const input = parsed.data;
  switch (input.intent) {
    case "add": {
      // Hashing is slow: done before the write, never inside it.
      const passwordHash = input.password ? await hashPassword(input.password) : null;
      const result = await addMember(db(), ctx, { email: input.email, name: input.name, role: input.role, passwordHash });
      if (result.ok) return done("/admin/users", "added");
      return result.error === "already_member"
        ? fieldError("email", msg("admin.errors.alreadyMember"), { intent: "add", values })
        : fieldError("password", msg("admin.errors.passwordRequired", { min: PASSWORD_MIN }), { intent: "add", values });
    }
    case "role":
    case "remove": {
      const result =
        input.intent === "role"
          ? await setMemberRole(db(), ctx, { userId: input.userId, role: input.role })
          : await removeMember(db(), ctx, { userId: input.userId });
      const row = { intent: input.intent, userId: input.userId };
      if (result.ok) {
        // Someone who just gave up their own admin role cannot see this page any more.
        if (input.userId === viewer.user.id) return done("/home", input.intent === "role" ? "roleChanged" : "removed");
        return done("/admin/users", input.intent === "role" ? "roleChanged" : "removed");
      }
      if (result.error === "in_use") {
        return refused(msg("admin.errors.leaderInUse", { count: result.usedBy.gridCells }), { ...row, usedBy: result.usedBy });
      }
      if (result.error === "last_admin") return refused(msg("admin.errors.lastAdmin"), row);
      return notFound();
    }
  }
}

export default function Users() {
  const { t, i18n } = useTranslation();
  const message = useMessage();
  const { rows, total, page, pageSize, q, viewerId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const addErrors = actionData?.intent === "add" ? actionData : undefined;
  const { form, onSubmit, field } = useValidatedForm(MemberAddSchema, {
    defaultValues: { email: "", name: "", role: "staff", password: "", ...(addErrors?.values as { email?: string; name?: string } | undefined) },
    serverErrors: addErrors?.fieldErrors,
  });
  const joined = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium" });
  return (
    <div className="page admin">
      <AdminHeader title={t("admin.users.title")} intro={t("admin.users.intro")} />
      <SearchBox label={t("admin.users.searchLabel")} placeholder={t("admin.users.searchPlaceholder")} />
      <ResultCount total={total} q={q} />
      <AdminTable
        caption={t("admin.users.caption")}
        q={q}
        isEmpty={rows.length === 0}
        columns={[
          { label: t("admin.users.name") },
          { label: t("admin.users.email") },
          { label: t("admin.users.role") },
          { label: t("admin.users.joined") },
          { label: t("admin.list.actions") },
        ]}
      >
        {rows.map((m) => {
          const rowError = actionData?.userId === m.userId ? actionData.formError : undefined;
          return (
            <tr key={m.userId}>
              <th scope="row" data-label={t("admin.users.name")}>
                {m.name}
                {m.userId === viewerId ? t("admin.users.you") : null}
                {m.disabledAt ? <span className="badge">{t("admin.users.disabled")}</span> : null}
              </th>
              <td data-label={t("admin.users.email")}>{m.email}</td>
              <td data-label={t("admin.users.role")}>
                {/* Keyed on the answer too: after a refused change the select shows the real role again. */}
                <Form method="post" className="inline-row" key={`${m.role}:${rowError ?? ""}`}>
                  <input type="hidden" name="intent" value="role" />
                  <input type="hidden" name="userId" value={m.userId} />
                  <select name="role" defaultValue={m.role} aria-label={t("admin.users.roleOf", { name: m.name })}>
                    {ROLE_VALUES.map((r) => (
                      <option key={r} value={r}>
                        {t(`roles.${r}`)}
                      </option>
                    ))}
                  </select>
                  <button type="submit" className="secondary small-button">
                    {t("admin.users.saveRole")}
                  </button>
                </Form>
              </td>
              <td data-label={t("admin.users.joined")}>{joined.format(new Date(m.joinedAt))}</td>
              <td data-label={t("admin.list.actions")}>
                <Form method="post">
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="userId" value={m.userId} />
                  <button type="submit" className="secondary small-button danger" aria-label={t("admin.users.removeLabel", { name: m.name })}>
                    {t("admin.users.remove")}
                  </button>
                </Form>
                {rowError ? (
                  <p className="field-error" role="alert">
                    {message(rowError)}
                  </p>
                ) : null}
              </td>
            </tr>
          );
        })}
      </AdminTable>
      <Pagination page={page} pageSize={pageSize} total={total} />

      <section aria-labelledby="add-user-title" className="narrow-form">
        <h2 id="add-user-title">{t("admin.users.addTitle")}</h2>
        <p className="hint">{t("admin.users.addIntro")}</p>
        <Form method="post" className="form" onSubmit={onSubmit} noValidate>
          <input type="hidden" name="intent" value="add" />
          <FormError message={addErrors?.formError} />
          <Field form={form} name="email" label={t("admin.users.email")}>
            {(props) => <input {...props} {...field("email")} type="email" autoComplete="off" inputMode="email" />}
          </Field>
          <Field form={form} name="name" label={t("admin.users.name")}>
            {(props) => <input {...props} {...field("name")} autoComplete="off" />}
          </Field>
          <Field form={form} name="role" label={t("admin.users.role")}>
            {(props) => (
              <select {...props} {...field("role")}>
                {ROLE_VALUES.map((r) => (
                  <option key={r} value={r}>
                    {t(`roles.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field form={form} name="password" label={t("admin.users.password")} hint={t("admin.users.passwordHint", { min: PASSWORD_MIN })}>
            {(props) => <input {...props} {...field("password")} type="password" autoComplete="new-password" />}
          </Field>
          <div className="actions">
            <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
              {t("admin.users.add")}
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}
