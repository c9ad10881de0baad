/** Who is writing, for which organisation: every write records it in the audit trail. */
export interface WriteContext {
  orgId: string;
  /** null for the system itself (start-up jobs, the demo seed). */
  actorUserId: string | null;
  ip?: string | null;
}

/** Offset pagination with a bounded page size. */
export interface PageQuery {
  page?: number;
  pageSize?: number;
}

export function pageBounds(query: PageQuery, defaultSize = 20): { limit: number; offset: number; page: number } {
  const pageSize = Math.min(100, Math.max(1, Math.trunc(query.pageSize ?? defaultSize)));
  const page = Math.max(1, Math.trunc(query.page ?? 1));
  return { limit: pageSize, offset: (page - 1) * pageSize, page };
}

export interface Paged<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
