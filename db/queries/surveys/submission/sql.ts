/**
 * The hand-written SQL of a survey submission and of a tally release. Hand
 * written because the write must decide INSIDE one transaction whether the
 * response is taken (the gate), and because it runs on every submission
 * (drizzle's query building costs more than the statements). Every table and
 * column name comes from the drizzle table objects through {@link names}, so a
 * renamed column breaks the typecheck instead of the SQL, and the quarter gate
 * is built from domain/quarter-lock.ts's WRITABLE_QUARTER_STATES.
 */
import type { InStatement } from "@libsql/client";
import { getTableColumns, getTableName, sql, type SQL, type Table } from "drizzle-orm";
import { WRITABLE_QUARTER_STATES } from "../../../../domain/quarter-lock";
import {
  contractQuarters,
  memberships,
  surveyAnswers,
  surveyCampaignCounts,
  surveyCampaignDayCounts,
  surveyCampaigns,
  surveyInvites,
  surveyParticipations,
  surveyResponses,
  surveyTallies,
  surveyTallyReleases,
  users,
} from "../../../schema";

/** A table's SQL name (`$`) and its columns' SQL names by their TypeScript keys. */
export type Names<T extends Table> = { readonly [K in keyof T["_"]["columns"]]: string } & { readonly $: string };

export function names<T extends Table>(table: T): Names<T> {
  const out: Record<string, string> = { $: getTableName(table) };
  for (const [key, column] of Object.entries(getTableColumns(table))) out[key] = column.name;
  return out as Names<T>;
}

export const C = names(surveyCampaigns);
export const I = names(surveyInvites);
export const R = names(surveyResponses);
const A = names(surveyAnswers);
const T = names(surveyTallies);
const N = names(surveyCampaignCounts);
const D = names(surveyCampaignDayCounts);
const X = names(surveyTallyReleases);
const P = names(surveyParticipations);
export const Q = names(contractQuarters);
const M = names(memberships);
const U = names(users);

/** A release needs this many respondents more than the previous release (the first: this many). */
export const RELEASE_EVERY = 5;

/**
 * SQL: the quarter of campaign `c` may be written — the SQL twin of
 * `contractQuarterWritable` (a quarter without a row is open). Tested to agree
 * with it on every state (test/integration/survey-quarter-gate.test.ts).
 */
export const quarterWritableSql = (c = "c") =>
  `coalesce((SELECT q.${Q.status} FROM ${Q.$} q WHERE q.${Q.contractId} = ${c}.${C.contractId} AND q.${Q.period} = ${c}.${C.period}), 'open')
   IN (${WRITABLE_QUARTER_STATES.map((s) => `'${s}'`).join(", ")})`;

/**
 * SQL: campaign `c` accepts responses on :today — the SQL twin of
 * `campaignAcceptsResponses`, evaluated INSIDE the write transaction, so a
 * campaign closed (or a quarter finalised) a moment before is refused.
 */
export const acceptsResponsesSql = (c = "c") =>
  `${c}.${C.status} = 'open' AND ${c}.${C.opensOn} <= :today AND ${c}.${C.closesOn} >= :today AND ${quarterWritableSql(c)}`;

// The answers (a JSON object) name exactly the campaign's questions: as many keys
// as questions, each a question id of the snapshot. (Values are checked to be
// whole numbers 1..5 before, and by the CHECK of survey_answers.)
const ANSWERS_MATCH = `(SELECT count(*) FROM json_each(:answers)) = json_array_length(c.${C.questionnaire})
  AND NOT EXISTS (SELECT 1 FROM json_each(:answers) a
                  WHERE NOT EXISTS (SELECT 1 FROM json_each(c.${C.questionnaire}) q WHERE json_extract(q.value, '$.id') = a.key))`;

const GUARDS = `${acceptsResponsesSql("c")} AND ${ANSWERS_MATCH}`;

export const BY_TOKEN = `c.${C.openToken} = :token`;
export const BY_ID = `c.${C.id} = :cid AND c.${C.orgId} = :org`;

// Gates: each changes exactly one row when the response may be taken, none otherwise.
// The invite records only THAT it was used (no day: docs/decisions/004).
export const SQL_CONSUME_INVITE = `UPDATE ${I.$} SET ${I.used} = 1
WHERE ${I.code} = :code AND ${I.used} = 0
  AND EXISTS (SELECT 1 FROM ${C.$} c WHERE c.${C.id} = ${I.$}.${I.campaignId} AND ${GUARDS})`;

export const participationSql = (selector: string) => `INSERT INTO ${P.$} (${P.campaignId}, ${P.userId}, ${P.orgId})
SELECT c.${C.id}, :uid, c.${C.orgId} FROM ${C.$} c
WHERE ${selector} AND ${GUARDS}
  AND EXISTS (SELECT 1 FROM ${M.$} m JOIN ${U.$} u ON u.${U.id} = m.${M.userId}
              WHERE m.${M.userId} = :uid AND m.${M.orgId} = c.${C.orgId} AND u.${U.disabledAt} IS NULL)
ON CONFLICT (${P.campaignId}, ${P.userId}) DO NOTHING`;

// The response after a gate: changes() is the row count of the statement just
// before on the same connection in the same transaction — the gate.
export const SQL_RESPONSE_AFTER_INVITE = `INSERT INTO ${R.$} (${R.id}, ${R.orgId}, ${R.campaignId}, ${R.comment})
SELECT :rid, i.${I.orgId}, i.${I.campaignId}, :comment FROM ${I.$} i WHERE i.${I.code} = :code AND changes() = 1`;
export const responseAfterParticipationSql = (selector: string) => `INSERT INTO ${R.$} (${R.id}, ${R.orgId}, ${R.campaignId}, ${R.comment})
SELECT :rid, c.${C.orgId}, c.${C.id}, :comment FROM ${C.$} c WHERE ${selector} AND changes() = 1`;

// The open link has no gate row: the response insert carries the guards itself.
export const SQL_RESPONSE_OPEN_LINK = `INSERT INTO ${R.$} (${R.id}, ${R.orgId}, ${R.campaignId}, ${R.comment})
SELECT :rid, c.${C.orgId}, c.${C.id}, :comment FROM ${C.$} c
WHERE ${BY_TOKEN} AND c.${C.allowOpenLink} = 1 AND ${GUARDS}`;

// Everything after the responses hangs on the response rows. :group is a JSON
// array of { rid, answers, straight, day } for every submission of the batch; a
// response id is fresh and random, so a row with it exists only if THIS batch
// inserted it (its gate let it through). Campaign and org come from that row.
const GROUP_FROM = `json_each(:group) g, ${R.$} r`;
const GROUP_WHERE = `r.${R.id} = json_extract(g.value, '$.rid')`;
const GROUP_CAMPAIGNS = `SELECT r.${R.orgId}, r.${R.campaignId} FROM ${GROUP_FROM} WHERE ${GROUP_WHERE}`;

export const SQL_INSERT_ANSWERS = `INSERT INTO ${A.$} (${A.responseId}, ${A.orgId}, ${A.campaignId}, ${A.questionId}, ${A.value})
SELECT r.${R.id}, r.${R.orgId}, r.${R.campaignId}, j.key, j.value FROM ${GROUP_FROM}, json_each(g.value, '$.answers') j WHERE ${GROUP_WHERE}`;

export const SQL_UPSERT_TALLIES = `INSERT INTO ${T.$} (${T.orgId}, ${T.campaignId}, ${T.questionId}, ${T.v1}, ${T.v2}, ${T.v3}, ${T.v4}, ${T.v5})
SELECT r.${R.orgId}, r.${R.campaignId}, j.key, sum(j.value = 1), sum(j.value = 2), sum(j.value = 3), sum(j.value = 4), sum(j.value = 5)
FROM ${GROUP_FROM}, json_each(g.value, '$.answers') j WHERE ${GROUP_WHERE}
GROUP BY r.${R.campaignId}, j.key
ON CONFLICT (${T.campaignId}, ${T.questionId}) DO UPDATE SET
  ${T.v1} = ${T.v1} + excluded.${T.v1}, ${T.v2} = ${T.v2} + excluded.${T.v2}, ${T.v3} = ${T.v3} + excluded.${T.v3},
  ${T.v4} = ${T.v4} + excluded.${T.v4}, ${T.v5} = ${T.v5} + excluded.${T.v5}`;

export const SQL_UPSERT_COUNTS = `INSERT INTO ${N.$} (${N.campaignId}, ${N.orgId}, ${N.respondents}, ${N.straightLined})
SELECT r.${R.campaignId}, r.${R.orgId}, count(*), sum(json_extract(g.value, '$.straight')) FROM ${GROUP_FROM} WHERE ${GROUP_WHERE}
GROUP BY r.${R.campaignId}
ON CONFLICT (${N.campaignId}) DO UPDATE SET
  ${N.respondents} = ${N.respondents} + excluded.${N.respondents}, ${N.straightLined} = ${N.straightLined} + excluded.${N.straightLined}`;

// Per-day activity is a counter; the day is never stored with a response or an invite.
export const SQL_UPSERT_DAY_COUNTS = `INSERT INTO ${D.$} (${D.campaignId}, ${D.day}, ${D.orgId}, ${D.respondents})
SELECT r.${R.campaignId}, json_extract(g.value, '$.day'), r.${R.orgId}, count(*) FROM ${GROUP_FROM} WHERE ${GROUP_WHERE}
GROUP BY r.${R.campaignId}, json_extract(g.value, '$.day')
ON CONFLICT (${D.campaignId}, ${D.day}) DO UPDATE SET ${D.respondents} = ${D.respondents} + excluded.${D.respondents}`;

/**
 * A release of the tally (respondents, straight-lined, per-question counts) of
 * the campaigns selected by `scope` (a `SELECT org_id, campaign_id …`), for
 * those with `minNew` respondents more than their last release (and at least
 * RELEASE_EVERY in all); then every not-yet-released response of a campaign
 * just released is marked released, so its comment may be shown.
 */
export function releaseSql(scope: string, minNew: number): [string, string] {
  const release = `INSERT INTO ${X.$} (${X.campaignId}, ${X.orgId}, ${X.respondents}, ${X.straightLined}, ${X.questions})
SELECT n.${N.campaignId}, n.${N.orgId}, n.${N.respondents}, n.${N.straightLined},
  coalesce((SELECT json_group_object(t.${T.questionId}, json_array(t.${T.v1}, t.${T.v2}, t.${T.v3}, t.${T.v4}, t.${T.v5}))
            FROM ${T.$} t WHERE t.${T.orgId} = n.${N.orgId} AND t.${T.campaignId} = n.${N.campaignId}), '{}')
FROM ${N.$} n
WHERE (n.${N.orgId}, n.${N.campaignId}) IN (${scope})
  AND n.${N.respondents} >= ${RELEASE_EVERY}
  AND n.${N.respondents} >= coalesce((SELECT x.${X.respondents} FROM ${X.$} x WHERE x.${X.campaignId} = n.${N.campaignId}), 0) + ${minNew}
ON CONFLICT (${X.campaignId}) DO UPDATE SET
  ${X.respondents} = excluded.${X.respondents}, ${X.straightLined} = excluded.${X.straightLined}, ${X.questions} = excluded.${X.questions}`;
  const comments = `UPDATE ${R.$} SET ${R.released} = 1
WHERE ${R.released} = 0 AND (${R.orgId}, ${R.campaignId}) IN (
  SELECT x.${X.orgId}, x.${X.campaignId} FROM ${X.$} x JOIN ${N.$} n ON n.${N.campaignId} = x.${X.campaignId}
  WHERE x.${X.respondents} = n.${N.respondents} AND (x.${X.orgId}, x.${X.campaignId}) IN (${scope}))`;
  return [release, comments];
}

/** In a submission batch: a release for each campaign of the group that has 5 more respondents since its last. */
export const SQL_RELEASE_GROUP = releaseSql(GROUP_CAMPAIGNS, RELEASE_EVERY);
/** At close: a release of whatever the campaign (:org, :cid) has beyond its last release. */
export const SQL_RELEASE_AT_CLOSE = releaseSql(`SELECT :org, :cid`, 1);

export type Args = Record<string, string | number | null>;

/** A statement with exactly the named arguments its SQL uses. */
export function stmt(sqlText: string, all: Args): InStatement {
  const args: Args = {};
  for (const [, name] of sqlText.matchAll(/:([a-z_]+)/g)) args[name!] = all[name!] ?? null;
  return { sql: sqlText, args };
}

/**
 * The same SQL text as a drizzle query (for `db.batch` beside drizzle's own
 * statements), its `:name` arguments bound as parameters.
 */
export function namedSql(sqlText: string, args: Args): SQL {
  const parts = sqlText.split(/:([a-z_]+)/g);
  const chunks: SQL[] = [];
  parts.forEach((part, i) => chunks.push(i % 2 === 0 ? sql.raw(part) : sql`${args[part] ?? null}`));
  return sql.join(chunks);
}
