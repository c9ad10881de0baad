import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listContractors, listContracts, listGridCells, listMembers, listSites } from "~/queries.server";
import { AdminNav } from "~/admin/components";
import { adminLinks } from "~/admin/links";
import { requireRole } from "~/auth/session.server";
import { RoleHome } from "~/components/role-home";
import { db } from "~/db.server";

export const links = adminLinks;
export const handle = { i18n: ["patrols"] };

/** The admin's home: what the organisation has, with a way into each list. Counts come from the lists' own totals. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "admin");
  const orgId = viewer.org.id;
  const one = { orgId, pageSize: 1 };
  const [members, contractors, contracts, activeContracts, sites, gridCells] = await Promise.all([
    listMembers(db(), one),
    listContractors(db(), one),
    listContracts(db(), one),
    listContracts(db(), { ...one, status: "active" }),
    listSites(db(), one),
    listGridCells(db(), one),
  ]);
  return {
    orgName: viewer.org.name,
    userName: viewer.user.name,
    counts: {
      members: members.total,
      contractors: contractors.total,
      contracts: contracts.total,
      activeContracts: activeContracts.total,
      sites: sites.total,
      gridCells: gridCells.total,
    },
  };
}

export default function AdminHome() {
  const { t } = useTranslation();
  const { orgName, userName, counts } = useLoaderData<typeof loader>();
  const cards = [
    { key: "users", to: "/admin/users", label: t("admin.dashboard.members"), count: counts.members, extra: null },
    { key: "contractors", to: "/admin/contractors", label: t("admin.dashboard.contractors"), count: counts.contractors, extra: null },
    {
      key: "contracts",
      to: "/admin/contracts",
      label: t("admin.dashboard.contracts"),
      count: counts.contracts,
      extra: t("admin.dashboard.activeContracts", { count: counts.activeContracts }),
    },
    {
      key: "sites",
      to: "/admin/sites",
      label: t("admin.dashboard.sites"),
      count: counts.sites,
      extra: t("admin.dashboard.gridCells", { count: counts.gridCells }),
    },
  ] as const;
  return (
    <div className="admin">
      <div className="page admin-dashboard-nav">
        <AdminNav />
      </div>
      <RoleHome role="admin" orgName={orgName} userName={userName}>
        <ul className="card-grid admin-cards">
          {cards.map((card) => (
            <li key={card.key} className="card">
              <h2>
                <Link to={card.to}>{card.label}</Link>
              </h2>
              <p className="admin-big-number">{card.count}</p>
              {card.extra ? <p className="muted">{card.extra}</p> : null}
            </li>
          ))}
        </ul>
        <p>
          <Link to="/admin/settings">{t("patrols.setting.title")}</Link>
        </p>
        <p>
          <Link to="/admin/calendar">{t("admin.nav.calendar")}</Link>
        </p>
      </RoleHome>
    </div>
  );
}
