import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listContractors } from "~/queries.server";
import { AdminHeader, AdminTable, ArchivedTabs, Pagination, ResultCount, SearchBox } from "~/admin/components";
import { adminLinks } from "~/admin/links";
import { PAGE_SIZE, readListQuery } from "~/admin/schemas";
import { requireRole } from "~/auth/session.server";
import { db } from "~/db.server";

export const meta: MetaFunction = () => [{ title: "服务企业 · 考评" }];
export const links = adminLinks;

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "admin");
  const { q, page, archived } = readListQuery(request);
  const result = await listContractors(db(), { orgId: viewer.org.id, q, page, pageSize: PAGE_SIZE, archived });
  return { ...result, q, archived };
}

export default function Contractors() {
  const { t } = useTranslation();
  const { rows, total, page, pageSize, q, archived } = useLoaderData<typeof loader>();
  return (
    <div className="page admin">
      <AdminHeader title={t("admin.contractors.title")} intro={t("admin.contractors.intro")}>
        <Link to="/admin/contractors/new" className="button">
          {t("admin.contractors.new")}
        </Link>
      </AdminHeader>
      <SearchBox label={t("admin.contractors.searchLabel")} placeholder={t("admin.contractors.searchPlaceholder")} keep={["show"]} />
      <ArchivedTabs current={archived} />
      <ResultCount total={total} q={q} />
      <AdminTable
        caption={t("admin.contractors.caption")}
        q={q}
        isEmpty={rows.length === 0}
        columns={[
          { label: t("admin.contractors.name") },
          { label: t("admin.contractors.creditCode") },
          { label: t("admin.contractors.contact") },
          { label: t("admin.contractors.contracts"), numeric: true },
        ]}
      >
        {rows.map((c) => (
          <tr key={c.id}>
            <th scope="row" data-label={t("admin.contractors.name")}>
              <Link to={`/admin/contractors/${c.id}`}>{c.name}</Link>
              {c.archivedAt ? <span className="badge">{t("admin.list.archivedBadge")}</span> : null}
            </th>
            <td data-label={t("admin.contractors.creditCode")} className="mono">
              {c.creditCode}
            </td>
            <td data-label={t("admin.contractors.contact")}>
              {[c.contactName, c.contactPhone].filter(Boolean).join(" · ") || "—"}
            </td>
            <td data-label={t("admin.contractors.contracts")} className="num">
              {c.contractCount > 0 ? <Link to={`/admin/contracts?contractorId=${c.id}&show=all`}>{c.contractCount}</Link> : 0}
            </td>
          </tr>
        ))}
      </AdminTable>
      <Pagination page={page} pageSize={pageSize} total={total} />
    </div>
  );
}
