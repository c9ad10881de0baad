import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  createInvitation,
  createPasswordReset,
  getMember,
  listContractorOptions,
  listMembers,
  listPendingInvitations,
  removeMember,
  revokeInvitation,
  setMemberRole,
  type ContractorLinkError,
} from "~/queries.server";
import { AdminHeader, AdminTable, Pagination, ResultCount, SearchBox } from "~/admin/components";
import { adminLinks } from "~/admin/links";
import { done, fieldError, invalid, refused, rejected, writeContext } from "~/admin/respond.server";
import { PAGE_SIZE, readListQuery, ROLE_VALUES } from "~/admin/schemas";
import { absoluteLink, newOneTimeToken } from "~/auth/links.server";
import { OneTimeLink } from "~/auth/one-time-link";
import { InviteSchema, UsersActionSchema } from "~/auth/schemas";
import { requireRole } from "~/auth/session.server";
import { Field, FormError, useMessage, useValidatedForm } from "~/components/form";
import { db } from "~/db.server";
import { msg, parseForm } from "~/utils/forms";
import { invariantResponse, NOT_FOUND } from "~/utils/invariant";
import { now } from "~/utils/clock.server";

export const handle = { i18n: ["auth"] };
export const meta: MetaFunction = () => [{ title: "用户与角色 · 考评" }];
export const links = adminLinks;

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "admin");
  const { q, page } = readListQuery(request);
  const [result, invitations, contractorOptions] = await Promise.all([
    listMembers(db(), { orgId: viewer.org.id, q, page, pageSize: PAGE_SIZE }),
    listPendingInvitations(db(), { orgId: viewer.org.id, now: now() }),
    listContractorOptions(db(), { orgId: viewer.org.id }),
  ]);
  // Only active contractors can get new people; an archived one still shows on the rows of its people.
  const contractors = contractorOptions.filter((c) => !c.archivedAt).map((c) => ({ id: c.id, name: c.name }));
  return { ...result, q, viewerId: viewer.user.id, invitations, contractors };
}

/** The data layer's refusal of a role's contractor, as the contractor field's message (the schema catches most first). */
const CONTRACTOR_LINK_MESSAGE: Record<ContractorLinkError, string> = {
  contractor_required: msg("admin.errors.chooseContractorOfPerson"),
  contractor_not_allowed: msg("admin.errors.contractorOnlyForRole"),
  contractor_not_found: msg("admin.errors.contractorOfPersonNotFound"),
  contractor_archived: msg("admin.errors.contractorOfPersonArchived"),
};

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireRole(request, "admin");
  const parsed = await parseForm(request, UsersActionSchema);
  if (!parsed.ok) return rejected(parsed, ["invite", "revokeInvite", "resetPassword", "role", "remove"]);
  const { values } = parsed;
  const ctx = writeContext(viewer, context);
  const input = parsed.data;
  const at = now();
  switch (input.intent) {
    case "invite": {
      // The same answer whether or not the e-mail has an account anywhere: the link, shown once.
      const { token, tokenHash } = newOneTimeToken();
      const result = await createInvitation(db(), ctx, { email: input.email, role: input.role, contractorId: input.contractorId, tokenHash, now: at });
      if (!result.ok) {
        if (result.error === "already_member") return fieldError("email", msg("auth.invite.alreadyMember"), { intent: "invite", values });
        return fieldError("contractorId", CONTRACTOR_LINK_MESSAGE[result.error], { intent: "invite", values });
      }
      return data({ fieldErrors: {}, intent: "invite", email: input.email, link: absoluteLink(request, `/join/${token}`) });
    }
    case "revokeInvite": {
      const result = await revokeInvitation(db(), ctx, { id: input.invitationId, now: at });
      invariantResponse(result.ok, ...NOT_FOUND);
      return done("/admin/users", "invitationRevoked");
    }
    case "resetPassword": {
      const member = await getMember(db(), { orgId: ctx.orgId, userId: input.userId });
      invariantResponse(member, ...NOT_FOUND);
      const { token, tokenHash } = newOneTimeToken();
      const result = await createPasswordReset(db(), ctx, { userId: input.userId, tokenHash, now: at });
      invariantResponse(result.ok, ...NOT_FOUND);
      return data({ fieldErrors: {}, intent: "resetPassword", userId: input.userId, name: member.name, link: absoluteLink(request, `/reset/${token}`) });
    }
    case "role":
    case "remove": {
      const result =
        input.intent === "role"
          ? await setMemberRole(db(), ctx, { userId: input.userId, role: input.role, contractorId: input.contractorId })
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
      if (result.error !== "not_found") return invalid({ contractorId: [CONTRACTOR_LINK_MESSAGE[result.error]] }, { ...row, formError: CONTRACTOR_LINK_MESSAGE[result.error] });
      invariantResponse(false, ...NOT_FOUND);
    }
  }
}

/** The action's answers, as the page reads them (a one-time link appears only in the answer that made it). */
type ActionAnswer = {
  fieldErrors?: Record<string, string[]>;
  formError?: string;
  intent?: string;
  userId?: string;
  values?: Record<string, unknown>;
  link?: string;
  email?: string;
  name?: string;
};

export default function Users() {
  const { t, i18n } = useTranslation();
  const message = useMessage();
  const { rows, total, page, pageSize, q, viewerId, invitations, contractors } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionAnswer | undefined;
  const navigation = useNavigation();
  const addErrors = actionData?.intent === "invite" && !actionData.link ? actionData : undefined;
  const { form, onSubmit, field } = useValidatedForm(InviteSchema, {
    defaultValues: { email: "", role: "staff", contractorId: "", ...(addErrors?.values as { email?: string; role?: (typeof ROLE_VALUES)[number]; contractorId?: string } | undefined) },
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
                {m.contractorName ? <span className="muted"> · {m.contractorName}</span> : null}
              </th>
              <td data-label={t("admin.users.email")}>{m.email}</td>
              <td data-label={t("admin.users.role")}>
                {/* Keyed on the answer too: after a refused change the select shows the real role again. */}
                <Form method="post" className="inline-row" key={`${m.role}:${m.contractorId ?? ""}:${rowError ?? ""}`}>
                  <input type="hidden" name="intent" value="role" />
                  <input type="hidden" name="userId" value={m.userId} />
                  <select name="role" defaultValue={m.role} aria-label={t("admin.users.roleOf", { name: m.name })}>
                    {ROLE_VALUES.map((r) => (
                      <option key={r} value={r}>
                        {t(`roles.${r}`)}
                      </option>
                    ))}
                  </select>
                  {/* Always there (no JavaScript needed): the contractor goes with the "contractor" role only. */}
                  <ContractorSelect
                    name="contractorId"
                    contractors={contractors}
                    current={m.contractorId ? { id: m.contractorId, name: m.contractorName ?? "" } : null}
                    ariaLabel={t("admin.users.contractorOf", { name: m.name })}
                  />
                  <button type="submit" className="secondary small-button">
                    {t("admin.users.saveRole")}
                  </button>
                </Form>
              </td>
              <td data-label={t("admin.users.joined")}>{joined.format(new Date(m.joinedAt))}</td>
              <td data-label={t("admin.list.actions")}>
                <RowAction intent="resetPassword" fields={{ userId: m.userId }} ariaLabel={t("auth.reset.startLabel", { name: m.name })}>
                  {t("auth.reset.start")}
                </RowAction>
                {actionData?.intent === "resetPassword" && actionData.userId === m.userId && actionData.link ? (
                  <OneTimeLink link={actionData.link} label={t("auth.reset.created", { name: actionData.name ?? m.name })} />
                ) : null}
                <RowAction intent="remove" fields={{ userId: m.userId }} ariaLabel={t("admin.users.removeLabel", { name: m.name })} danger>
                  {t("admin.users.remove")}
                </RowAction>
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

      <section aria-labelledby="pending-title">
        <h2 id="pending-title">{t("auth.invite.pendingTitle")}</h2>
        {invitations.length === 0 ? (
          <p className="muted">{t("auth.invite.pendingEmpty")}</p>
        ) : (
          <ul className="plain-list">
            {invitations.map((inv) => (
              <li key={inv.id} className="inline-row">
                <span>{inv.email}</span>
                <span className="muted">
                  {t(`roles.${inv.role}`)}
                  {inv.contractorName ? ` · ${inv.contractorName}` : null}
                </span>
                <span className="muted">
                  {t("auth.invite.expires")} {joined.format(new Date(inv.expiresAt))}
                </span>
                <RowAction intent="revokeInvite" fields={{ invitationId: inv.id }} ariaLabel={t("auth.invite.revokeLabel", { email: inv.email })} danger>
                  {t("auth.invite.revoke")}
                </RowAction>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="add-user-title" className="narrow-form">
        <h2 id="add-user-title">{t("auth.invite.title")}</h2>
        <p className="hint">{t("auth.invite.intro")}</p>
        {actionData?.intent === "invite" && actionData.link ? (
          <OneTimeLink link={actionData.link} label={t("auth.invite.created", { email: actionData.email ?? "" })} />
        ) : null}
        <Form method="post" className="form" onSubmit={onSubmit} noValidate>
          <input type="hidden" name="intent" value="invite" />
          <FormError message={addErrors?.formError} />
          <Field form={form} name="email" label={t("admin.users.email")}>
            {(props) => <input {...props} {...field("email")} type="email" autoComplete="off" inputMode="email" />}
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
          <Field form={form} name="contractorId" label={t("admin.users.contractor")} hint={t("admin.users.contractorHint")}>
            {(props) => (
              <select {...props} {...field("contractorId")}>
                <option value="">{t("admin.users.noContractor")}</option>
                {contractors.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="actions">
            <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
              {t("auth.invite.submit")}
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}

/** A member row's contractor select: the active contractors, plus the member's own if it was archived since. */
function ContractorSelect({
  name,
  contractors,
  current,
  ariaLabel,
}: {
  name: string;
  contractors: { id: string; name: string }[];
  current: { id: string; name: string } | null;
  ariaLabel: string;
}) {
  const { t } = useTranslation();
  const options = current && !contractors.some((c) => c.id === current.id) ? [current, ...contractors] : contractors;
  return (
    <select name={name} defaultValue={current?.id ?? ""} aria-label={ariaLabel}>
      <option value="">{t("admin.users.noContractor")}</option>
      {options.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </select>
  );
}

/** A one-button form acting on one row (its `intent` and the row's ids as hidden fields). */
function RowAction({
  intent,
  fields,
  ariaLabel,
  danger = false,
  children,
}: {
  intent: string;
  fields: Record<string, string>;
  ariaLabel: string;
  danger?: boolean;
  children: React.ReactNode;
}) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={danger ? "secondary small-button danger" : "secondary small-button"} aria-label={ariaLabel}>
        {children}
      </button>
    </Form>
  );
}
