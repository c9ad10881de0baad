import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getContractor, listContracts } from "~/queries.server";
import { AdminHeader, AdminTable, ArchivedTabs, Pagination, ResultCount, SearchBox } from "~/admin/components";
import { adminLinks } from "~/admin/links";
import { formatFen } from "~/admin/money";
import { PAGE_SIZE, readListQuery } from "~/admin/schemas";
import { requireRole } from "~/auth/session.server";
import { db } from "~/db.server";
import { useLocale } from "~/utils/localise";

export const meta: MetaFunction = () => [{ title: "合同 · 考评" }];
export const links = adminLinks;

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "admin");
  const orgId = viewer.org.id;
  const { q, page, archived } = readListQuery(request);
  // ?contractorId= narrows the list to one contractor of this organisation (another's finds nothing).
  const contractorId = new URL(request.url).searchParams.get("contractorId")?.slice(0, 64) || undefined;
  const [result, contractor] = await Promise.all([
    listContracts(db(), { orgId, q, page, pageSize: PAGE_SIZE, archived, contractorId }),
    contractorId ? getContractor(db(), { orgId, id: contractorId }) : null,
  ]);
  return { ...result, q, archived, contractor: contractor ? { id: contractor.id, name: contractor.name } : null };
}

export default function Contracts() {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { rows, total, page, pageSize, q, archived, contractor } = useLoaderData<typeof loader>();
  return (
    <div className="page admin">
      <AdminHeader title={t("admin.contracts.title")} intro={t("admin.contracts.intro")}>
        <Link to={contractor ? `/admin/contracts/new?contractorId=${contractor.id}` : "/admin/contracts/new"} className="button">
          {t("admin.contracts.new")}
        </Link>
      </AdminHeader>
      {contractor ? (
        <p className="notice">
          {t("admin.contracts.contractor")}：<Link to={`/admin/contractors/${contractor.id}`}>{contractor.name}</Link> ·{" "}
          <Link to="/admin/contracts">{t("admin.list.clear")}</Link>
        </p>
      ) : null}
      <SearchBox label={t("admin.contracts.searchLabel")} placeholder={t("admin.contracts.searchPlaceholder")} keep={["show", "contractorId"]} />
      <ArchivedTabs current={archived} />
      <ResultCount total={total} q={q} />
      <AdminTable
        caption={t("admin.contracts.caption")}
        q={q}
        isEmpty={rows.length === 0}
        columns={[
          { label: t("admin.contracts.titleField") },
          { label: t("admin.contracts.contractor") },
          { label: t("admin.contracts.serviceType") },
          { label: t("admin.contracts.term") },
          { label: t("admin.contracts.value"), numeric: true },
          { label: t("admin.contracts.status") },
        ]}
      >
        {rows.map((c) => (
          <tr key={c.id}>
            <th scope="row" data-label={t("admin.contracts.titleField")}>
              <Link to={`/admin/contracts/${c.id}`}>{c.title}</Link>
              {c.code ? <span className="muted small"> {c.code}</span> : null}
              {c.archivedAt ? <span className="badge">{t("admin.list.archivedBadge")}</span> : null}
            </th>
            <td data-label={t("admin.contracts.contractor")}>{c.contractorName}</td>
            <td data-label={t("admin.contracts.serviceType")}>{t(`serviceTypes.${c.serviceType}`)}</td>
            <td data-label={t("admin.contracts.term")} className="nowrap">
              {t("admin.contracts.termValue", { start: c.startOn, end: c.endOn })}
            </td>
            <td data-label={t("admin.contracts.value")} className="num">
              {formatFen(c.annualValueFen, locale)}
            </td>
            <td data-label={t("admin.contracts.status")}>{t(`admin.contracts.statuses.${c.status}`)}</td>
          </tr>
        ))}
      </AdminTable>
      <Pagination page={page} pageSize={pageSize} total={total} />
    </div>
  );
}
