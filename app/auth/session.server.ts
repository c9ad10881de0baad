/**
 * Sign-in sessions: a signed, HttpOnly cookie holding a random session id; the
 * session itself is a row, so signing out revokes it on the server and a
 * stolen cookie stops working. A new id is issued at every sign-in (no
 * fixation).
 */
import { createCookie, redirect, type Cookie } from "@remix-run/node";
import {
  createSession,
  findLiveSession,
  lastSeenOf,
  revokeSession,
  SESSION_TOUCH_MS,
  SESSION_TTL_MS,
  touchSession,
  type Role,
} from "../../db/queries/auth";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { isSecureRequest } from "~/utils/origin.server";
import { safeRedirect } from "~/utils/safe-redirect";
import { now } from "../utils/clock.server";

let cookie: Cookie | undefined;
function sessionCookie(): Cookie {
  cookie ??= createCookie("kaoping_session", {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secrets: env().sessionSecrets,
    maxAge: SESSION_TTL_MS / 1000,
  });
  return cookie;
}

async function readSessionId(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export type Viewer = NonNullable<Awaited<ReturnType<typeof loadViewer>>>;

async function loadViewer(request: Request) {
  const sessionId = await readSessionId(request);
  if (!sessionId) return null;
  const at = now();
  const row = await findLiveSession(db(), sessionId, at);
  if (!row) return null;
  // The idle timeout counts from the last request; record it every few minutes, not on every request.
  if (at.getTime() - Date.parse(lastSeenOf(row.session)) >= SESSION_TOUCH_MS) await touchSession(db(), sessionId, at);
  return {
    sessionId,
    user: { id: row.user.id, name: row.user.name, email: row.user.email },
    org: { id: row.org.id, name: row.org.name, timeZone: row.org.timeZone },
    // contractorId is set exactly for the "contractor" role (a CHECK holds it): whose record they see.
    membership: { role: row.role, contractorId: row.contractorId },
    orgCount: Number(row.orgCount),
  };
}

// Loaders of one request run in parallel; read the session once per request.
const viewers = new WeakMap<Request, ReturnType<typeof loadViewer>>();

export function getOptionalViewer(request: Request) {
  let pending = viewers.get(request);
  if (!pending) {
    pending = loadViewer(request);
    viewers.set(request, pending);
  }
  return pending;
}

/** The signed-in viewer, or a redirect to sign-in that comes back here afterwards. */
export async function requireUser(request: Request): Promise<Viewer> {
  const viewer = await getOptionalViewer(request);
  if (viewer) return viewer;
  const url = new URL(request.url);
  const back = safeRedirect(url.pathname + url.search, "/home");
  throw redirect(`/login?${new URLSearchParams({ redirectTo: back })}`);
}

/** The viewer when their role in the current organisation is one of `roles`; 403 otherwise. */
export async function requireRole(request: Request, ...roles: Role[]): Promise<Viewer> {
  const viewer = await requireUser(request);
  if (!roles.includes(viewer.membership.role)) {
    throw new Response("Forbidden", { status: 403 });
  }
  return viewer;
}

/** A contractor's person (issue 14): their viewer with the contractor whose record they see. */
export type ContractorViewer = Viewer & { membership: { role: "contractor"; contractorId: string } };

/**
 * The viewer when they are a contractor's person in the current organisation;
 * 403 otherwise. Every portal loader and action starts here and filters every
 * query by `viewer.membership.contractorId` as well as the organisation.
 */
export async function requireContractor(request: Request): Promise<ContractorViewer> {
  const viewer = await requireRole(request, "contractor");
  if (!viewer.membership.contractorId) throw new Response("Forbidden", { status: 403 });
  return viewer as ContractorViewer;
}

/** The centre's own people (every role but "contractor"): pages that show the centre's side of things. */
export const CENTRE_ROLES = ["admin", "supervisor", "procurement", "staff"] as const satisfies readonly Role[];

/** Whether the viewer is a contractor's person in the current organisation (not one of the centre's own people). */
export function isContractorPerson(viewer: Viewer): boolean {
  return viewer.membership.role === "contractor";
}

/**
 * The viewer when they are one of the centre's own people (CENTRE_ROLES); 403 for a
 * contractor's person. For pages that only needed someone signed in before the
 * contractor role existed (the staff survey, the organisation's rubric versions).
 */
export async function requireCentreMember(request: Request): Promise<Viewer> {
  return requireRole(request, ...CENTRE_ROLES);
}

/** Starts a fresh session (revoking any earlier one on this browser) and returns its Set-Cookie header. */
export async function startSession(
  request: Request,
  input: { userId: string; orgId: string; ip?: string },
): Promise<string> {
  const at = now();
  const previous = await readSessionId(request);
  if (previous) await revokeSession(db(), previous, at);
  const session = await createSession(db(), {
    ...input,
    userAgent: request.headers.get("User-Agent"),
    ip: input.ip,
    now: at,
  });
  return sessionCookie().serialize(session.id, { secure: isSecureRequest(request) });
}

/** Revokes the session on the server and clears the cookie. */
export async function endSession(request: Request): Promise<string> {
  const sessionId = await readSessionId(request);
  if (sessionId) await revokeSession(db(), sessionId, now());
  return sessionCookie().serialize("", { maxAge: 0, secure: isSecureRequest(request) });
}

const HOME_OF_ROLE: Record<Role, string> = {
  admin: "/admin",
  supervisor: "/supervisor",
  procurement: "/procurement",
  staff: "/staff",
  contractor: "/contractor",
};

/** Each role has its own home page; sign-in lands there. */
export function homeOf(role: Role): string {
  return HOME_OF_ROLE[role];
}
