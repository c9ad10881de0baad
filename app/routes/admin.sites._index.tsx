import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listSites } from "~/queries.server";
import { AdminHeader, AdminTable, ArchivedTabs, Pagination, ResultCount, SearchBox } from "~/admin/components";
import { adminLinks } from "~/admin/links";
import { PAGE_SIZE, readListQuery } from "~/admin/schemas";
import { requireRole } from "~/auth/session.server";
import { db } from "~/db.server";

export const meta: MetaFunction = () => [{ title: "场所与网格 · 考评" }];
export const links = adminLinks;

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "admin");
  const { q, page, archived } = readListQuery(request);
  const result = await listSites(db(), { orgId: viewer.org.id, q, page, pageSize: PAGE_SIZE, archived });
  return { ...result, q, archived };
}

export default function Sites() {
  const { t } = useTranslation();
  const { rows, total, page, pageSize, q, archived } = useLoaderData<typeof loader>();
  return (
    <div className="page admin">
      <AdminHeader title={t("admin.sites.title")} intro={t("admin.sites.intro")}>
        <Link to="/admin/sites/new" className="button">
          {t("admin.sites.new")}
        </Link>
      </AdminHeader>
      <SearchBox label={t("admin.sites.searchLabel")} placeholder={t("admin.sites.searchPlaceholder")} keep={["show"]} />
      <ArchivedTabs current={archived} />
      <ResultCount total={total} q={q} />
      <AdminTable
        caption={t("admin.sites.caption")}
        q={q}
        isEmpty={rows.length === 0}
        columns={[
          { label: t("admin.sites.name") },
          { label: t("admin.sites.kind") },
          { label: t("admin.sites.address") },
          { label: t("admin.sites.gridCells"), numeric: true },
          { label: t("admin.sites.contracts"), numeric: true },
        ]}
      >
        {rows.map((s) => (
          <tr key={s.id}>
            <th scope="row" data-label={t("admin.sites.name")}>
              <Link to={`/admin/sites/${s.id}`}>{s.name}</Link>
              {s.archivedAt ? <span className="badge">{t("admin.list.archivedBadge")}</span> : null}
            </th>
            <td data-label={t("admin.sites.kind")}>{t(`admin.sites.kinds.${s.kind}`)}</td>
            <td data-label={t("admin.sites.address")}>{s.address ?? "—"}</td>
            <td data-label={t("admin.sites.gridCells")} className="num">
              {s.gridCellCount}
            </td>
            <td data-label={t("admin.sites.contracts")} className="num">
              {s.contractCount}
            </td>
          </tr>
        ))}
      </AdminTable>
      <Pagination page={page} pageSize={pageSize} total={total} />
    </div>
  );
}
