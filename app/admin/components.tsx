/**
 * Pieces every administration page shares: the section navigation, the
 * search box, the result count, pagination, the "done" notice after a
 * redirect and the explanation of a refused deletion. All plain links and
 * GET forms, so they work without JavaScript and read well in a screen reader.
 */
import { Form, Link, useLocation, useSearchParams } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { ArchivedFilter } from "../../db/query-helpers";
import { useMessage } from "~/components/form";

const SECTIONS = [
  { to: "/admin", key: "dashboard", end: true },
  { to: "/admin/users", key: "users" },
  { to: "/admin/contractors", key: "contractors" },
  { to: "/admin/contracts", key: "contracts" },
  { to: "/admin/sites", key: "sites" },
  // The common "考核细则": the admin texts are not the editor's to extend.
  { to: "/admin/rubrics", key: "rubrics", label: "nav.rubrics" },
  { to: "/admin/calendar", key: "calendar" },
  { to: "/admin/audit", key: "audit" },
] as const;

/** The administration sections; the current one is marked for assistive technology. */
export function AdminNav() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <nav aria-label={t("admin.nav.label")} className="admin-nav">
      <ul>
        {SECTIONS.map((s) => {
          const current = "end" in s ? pathname === s.to || pathname === `${s.to}/` : pathname.startsWith(s.to);
          return (
            <li key={s.to}>
              <Link to={s.to} aria-current={current ? "page" : undefined}>
                {t("label" in s ? s.label : `admin.nav.${s.key}`)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/**
 * A labelled GET search form. Other query parameters (a filter) are kept;
 * the page goes back to 1 because the results change.
 */
export function SearchBox({ label, placeholder, keep = [] }: { label: string; placeholder: string; keep?: string[] }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const id = useId();
  const q = params.get("q") ?? "";
  return (
    <Form method="get" role="search" aria-label={label} className="admin-search">
      <label htmlFor={id}>{label}</label>
      <div className="admin-search-row">
        <input id={id} type="search" name="q" defaultValue={q} placeholder={placeholder} maxLength={100} enterKeyHint="search" />
        {keep.map((name) => {
          const value = params.get(name);
          return value ? <input key={name} type="hidden" name={name} value={value} /> : null;
        })}
        <button type="submit" className="primary">
          {t("admin.list.search")}
        </button>
        {q ? (
          <Link to={keep.length ? `?${keepOnly(params, keep)}` : "?"} className="button secondary">
            {t("admin.list.clear")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

function keepOnly(params: URLSearchParams, keep: string[]): string {
  const next = new URLSearchParams();
  for (const name of keep) {
    const value = params.get(name);
    if (value) next.set(name, value);
  }
  return next.toString();
}

/** "共 N 条" / "搜索“q”：共 N 条", announced politely when it changes. */
export function ResultCount({ total, q }: { total: number; q: string }) {
  const { t } = useTranslation();
  return (
    <p className="admin-count" role="status">
      {q ? t("admin.list.countFor", { q, count: total }) : t("admin.list.count", { count: total })}
    </p>
  );
}

export function EmptyList({ q }: { q: string }) {
  const { t } = useTranslation();
  return <p className="notice">{q ? t("admin.list.emptyFor", { q }) : t("admin.list.empty")}</p>;
}

/**
 * A list's table: a captioned table with column headers (rows fold into
 * labelled cards on a phone through each cell's `data-label`), or the empty
 * notice when there are no rows.
 */
export function AdminTable({
  caption,
  q,
  columns,
  isEmpty,
  children,
}: {
  caption: string;
  q: string;
  columns: { label: string; numeric?: boolean }[];
  isEmpty: boolean;
  children: React.ReactNode;
}) {
  if (isEmpty) return <EmptyList q={q} />;
  return (
    <div className="table-scroll">
      <table className="admin-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col" className={column.numeric ? "num" : undefined}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** Previous / next links keeping the other query parameters. */
export function Pagination({ page, pageSize, total }: { page: number; pageSize: number; total: number }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1 && page <= 1) return null;
  const link = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(p));
    next.delete("done");
    return `?${next}`;
  };
  return (
    <nav aria-label={t("admin.list.pagination")} className="admin-pagination">
      {page > 1 ? (
        <Link to={link(Math.min(page - 1, pages))} rel="prev">
          {t("admin.list.prev")}
        </Link>
      ) : (
        <span aria-hidden="true" />
      )}
      <span aria-current="page">{t("admin.list.pageOf", { page, pages })}</span>
      {page < pages ? (
        <Link to={link(page + 1)} rel="next">
          {t("admin.list.next")}
        </Link>
      ) : (
        <span aria-hidden="true" />
      )}
    </nav>
  );
}

/** In use / archived / all, as links (no script needed); keeps the search. */
export function ArchivedTabs({ current }: { current: ArchivedFilter }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const link = (value: ArchivedFilter) => {
    const next = new URLSearchParams(params);
    next.delete("page");
    next.delete("done");
    if (value === "active") next.delete("show");
    else next.set("show", value);
    return `?${next}`;
  };
  return (
    <nav aria-label={t("admin.list.show")} className="admin-tabs">
      {(["active", "archived", "all"] as const).map((value) => (
        <Link key={value} to={link(value)} aria-current={value === current ? "page" : undefined}>
          {t(`admin.list.shows.${value}`)}
        </Link>
      ))}
    </nav>
  );
}

const DONE = ["created", "saved", "archived", "restored", "deleted", "added", "roleChanged", "removed"] as const;

/** The confirmation after a redirect (`?done=saved`), read out by screen readers. */
export function DoneNotice() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const done = params.get("done");
  if (!done || !(DONE as readonly string[]).includes(done)) return null;
  return (
    <p className="notice" role="status">
      {t(`admin.done.${done}`)}
    </p>
  );
}

export type UsedBy = Partial<Record<"contracts" | "gridCells" | "inspections" | "quarters" | "scores" | "campaigns" | "findings" | "bonusEvents" | "vetoEvents", number>>;

/** Why a deletion was refused: the message and what still points at the record. */
export function InUseError({ message: text, usedBy }: { message?: string; usedBy?: UsedBy }) {
  const { t } = useTranslation();
  const message = useMessage();
  if (!text) return null;
  const uses = Object.entries(usedBy ?? {}).filter(([, n]) => (n ?? 0) > 0);
  return (
    <div className="form-error" role="alert">
      <p>{message(text)}</p>
      {uses.length > 0 ? (
        <p>
          {t("admin.errors.usedBy")}
          {uses.map(([key, n]) => t(`admin.usage.${key}`, { count: n })).join("、")}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Archive / restore / delete for one record: a plain form with an `intent`
 * (works without JavaScript). A refused delete shows why, with what uses it.
 */
export function DangerZone({
  hint,
  archived,
  deleteError,
  usedBy,
}: {
  hint: string;
  archived: boolean;
  deleteError?: string;
  usedBy?: UsedBy;
}) {
  const { t } = useTranslation();
  return (
    <section className="danger-zone" aria-labelledby="danger-title">
      <h2 id="danger-title">{t("admin.actions.dangerZone")}</h2>
      <p className="hint">{hint}</p>
      <InUseError message={deleteError} usedBy={usedBy} />
      <Form method="post" className="actions">
        {archived ? (
          <button type="submit" name="intent" value="restore" className="secondary">
            {t("admin.actions.restore")}
          </button>
        ) : (
          <button type="submit" name="intent" value="archive" className="secondary">
            {t("admin.actions.archive")}
          </button>
        )}
        <button type="submit" name="intent" value="delete" className="secondary danger">
          {t("admin.actions.delete")}
        </button>
      </Form>
    </section>
  );
}

/** A page title with the section navigation above it. */
export function AdminHeader({ title, intro, children }: { title: string; intro?: string; children?: React.ReactNode }) {
  return (
    <>
      <AdminNav />
      <div className="admin-title">
        <h1>{title}</h1>
        {children}
      </div>
      {intro ? <p className="lead">{intro}</p> : null}
      <DoneNotice />
    </>
  );
}
