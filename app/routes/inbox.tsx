/**
 * The in-app inbox (issue 15), for everyone signed in: the person's reminders
 * in this organisation, unread first, each opening its object (opening marks
 * it read: a form posting "open", so it works without JavaScript), and
 * "mark all read". Another person's notification is a 404 like an unknown one.
 */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireUser } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { listInbox, markAllRead, markRead } from "~/queries.server";
import { parseForm } from "~/utils/forms";
import { invariantResponse, NOT_FOUND } from "~/utils/invariant";

export const meta: MetaFunction = () => [{ title: "消息 · 考评" }];

const InboxActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("open"), id: z.string().min(1).max(64) }),
  z.object({ intent: z.literal("readAll") }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const page = Number(new URL(request.url).searchParams.get("page") ?? "1");
  invariantResponse(Number.isInteger(page) && page >= 1 && page <= 10_000, "页码无效 / Bad page", { status: 400 });
  const inbox = await listInbox(db(), { orgId: viewer.org.id, userId: viewer.user.id, page });
  return { inbox };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireUser(request);
  const parsed = await parseForm(request, InboxActionSchema);
  if (!parsed.ok) return data({ formError: parsed.formError ?? null }, { status: 400 });
  const own = { orgId: viewer.org.id, userId: viewer.user.id };
  const input = parsed.data;
  if (input.intent === "readAll") {
    await markAllRead(db(), own);
    return redirect("/inbox?done=readAll", 303);
  }
  const link = await markRead(db(), { ...own, id: input.id });
  invariantResponse(link, ...NOT_FOUND);
  // The stored link is a path of this site (a CHECK holds it to "/…", never "//host").
  return redirect(link, 303);
}

export default function InboxPage() {
  const { inbox } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const unread = inbox.rows.filter((r) => !r.readAt).length;
  return (
    <div className="page narrow">
      <h1>
        {t("inbox.title")} {unread > 0 ? <small>{t("inbox.unread", { count: unread })}</small> : null}
      </h1>
      <div aria-live="polite">
        {search.get("done") === "readAll" ? (
          <p className="notice" role="status">
            {t("inbox.markedAll")}
          </p>
        ) : null}
      </div>
      {inbox.rows.length === 0 ? (
        <p className="notice">{t("inbox.empty")}</p>
      ) : (
        <>
          {unread > 0 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="readAll" />
              <button type="submit">{t("inbox.readAll")}</button>
            </Form>
          ) : null}
          <ul className="inbox-list" data-testid="inbox-list">
            {inbox.rows.map((n) => (
              <li key={n.id} className={n.readAt ? "read" : "unread"}>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="open" />
                  <input type="hidden" name="id" value={n.id} />
                  <button type="submit" className="link-button">
                    {n.readAt ? null : <span className="visually-hidden">{t("inbox.isUnread")}：</span>}
                    {t(`inbox.rules.${n.rule}`, n.params)}
                  </button>
                </Form>
                <span className="muted small"> · {n.day}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
