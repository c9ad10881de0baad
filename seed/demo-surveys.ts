/**
 * The demo organisation's satisfaction surveys (PRODUCT.md, "The demo
 * organisation"): for each of the five contracts and each of the eight demo
 * quarters, a campaign and its responses, telling each contract's story in
 * its satisfaction rate (answers ≥ 4 ÷ all answers, SCORING.md):
 *
 * | contract     | story                     | rate, oldest quarter → current one              |
 * |--------------|---------------------------|-------------------------------------------------|
 * | property     | improving                 | 85 % → 97.8 %, a little better every quarter    |
 * | main canteen | good; vetoed 2 quarters ago | 96.8–97.6 %; 92.5 % in the veto quarter, 95.5 %, 96.2 % |
 * | east canteen | steady, just under target | 95.8–97 %, never the 98 % target                |
 * | greening     | declining                 | 97.2 % → 85.2 %, a little worse every quarter   |
 * | meeting      | excellent                 | 98.8–99.4 %                                     |
 *
 * Two halves:
 * - {@link planDemoSurveys}: pure — every campaign's window, invite count and
 *   every response's answers, comment, day and channel, from `today` and the
 *   fixed seed (one `demoRandom` stream per contract and quarter). The rates are
 *   exact by construction (the number of answers below 4 is worked out from the
 *   story's rate, then placed), so the story holds on any day, not just on a
 *   lucky one.
 * - {@link seedDemoSurveys}: writes the plan through the app's own code path —
 *   `createCampaign`, then one `submitResponse` per response (open link, invite
 *   code or signed-in participant), then `setCampaignStatus("closed")` for
 *   the past quarters. The current quarter's campaigns stay open (opensOn ≤
 *   today ≤ closesOn) so the demo's staff sign-in finds surveys to answer;
 *   that sign-in is never recorded as a participant of the current quarter.
 *   The responses defer the WAL checkpoint (`deferCheckpoint`) and one
 *   `truncateSurveyWal` runs at the end: a checkpoint per response made seeding
 *   about 8× slower (measured: 5 s → 40 s for the demo).
 *
 * The campaigns are created (and closed) by the demo supervisor, 王建军:
 * `createCampaign` records a person as their author.
 */
import { createCampaign, setCampaignStatus, submitResponse, truncateSurveyWal, type SubmitTarget } from "../db/queries/surveys";
import type { Db } from "../db/client";
import type { WriteContext } from "../db/queries/context";
import { addDays, dayNumber, periodEnd, periodStart } from "../scoring/dates";
import { defaultRubric } from "../scoring/rubrics/index";
import type { ServiceType } from "../scoring/types";
import type { DemoIds } from "./demo";
import { DEMO_HISTORY_QUARTERS, demoContracts, demoQuarters, type DemoContractKey, type DemoUserKey } from "./demo-data";
import { demoRandom, type Random } from "./random";

// ---------------------------------------------------------------- the stories, as survey parameters

interface CommentPools {
  /** Said by respondents who gave at least one answer below 4. */
  complaints: readonly string[];
  /** Said by the others. */
  praise: readonly string[];
}

/** Question id → weight (1 for a question not listed). */
type QuestionWeights = Readonly<Record<string, number>>;

interface SurveyStory {
  /** The satisfaction rate of each demo quarter, oldest first; the last one is the current quarter. */
  rates: readonly number[];
  /** Respondents of a complete campaign, [min, max]. */
  respondents: readonly [number, number];
  /** Invite codes printed for the campaign, [min, max]. */
  invites: readonly [number, number];
  /** How much more often each question draws an answer below 4 than an ordinary one (1), by quarter. */
  weakQuestions: (quarter: number) => QuestionWeights;
  /** What respondents write, by quarter. */
  comments: (quarter: number) => CommentPools;
}

/** The quarter in which the main canteen's food-poisoning veto falls (two before the current one). */
const VETO_QUARTER = DEMO_HISTORY_QUARTERS - 3;

const STORIES: Record<DemoContractKey, SurveyStory> = {
  // 安居物业: weak start (overdue repairs, dirty stairwells), steady improvement to good.
  property: {
    rates: [0.85, 0.872, 0.895, 0.915, 0.935, 0.952, 0.968, 0.978],
    respondents: [55, 90],
    invites: [90, 130],
    weakQuestions: (q): QuestionWeights =>
      q < 4
        ? { "property.q.cleaning": 4, "property.q.repair-response": 4, "property.q.repair-quality": 2.5, "property.q.facilities": 2 }
        : { "property.q.repair-response": 2, "property.q.facilities": 2, "property.q.cleaning": 1.5 },
    comments: (q) =>
      q < 4
        ? {
            complaints: [
              "楼道卫生较差，垃圾清运不及时",
              "报修后好几天才有人来处理",
              "卫生间异味重，保洁频次不够",
              "楼梯间灰尘多，扶手很久没擦",
              "空调报修两次都没修好",
              "会议室灯管坏了很久没人换",
              "楼梯间堆放杂物，存在安全隐患",
            ],
            praise: ["门岗值守认真，来访登记规范", "前台接待态度不错", "保洁阿姨很辛苦，希望增加人手"],
          }
        : {
            complaints: ["电梯高峰期等候时间偏长", "个别保洁人员作业不够细致", "地下车库照明有几处不亮", "报修流程还可以再简化"],
            praise: [
              "楼道卫生明显改善",
              "报修响应快了很多，维修质量也好",
              "保洁很及时，办公区整洁",
              "物业服务越来越规范了",
              "空调故障当天就修好了，点赞",
            ],
          },
  },
  // 禾丰餐饮: good scores, then a food-poisoning veto two quarters ago (the veto itself comes with inspections).
  "main-canteen": {
    rates: [0.968, 0.973, 0.976, 0.97, 0.975, 0.925, 0.955, 0.962],
    respondents: [150, 200],
    invites: [200, 260],
    weakQuestions: (q): QuestionWeights =>
      q === VETO_QUARTER
        ? { "catering.q.food-safety": 6, "catering.q.responsiveness": 2.5, "catering.q.taste": 1.5 }
        : { "catering.q.variety": 3, "catering.q.price": 2.5, "catering.q.punctuality": 1.5 },
    comments: (q) => ({
      complaints:
        q === VETO_QUARTER
          ? [
              "食品安全让人担心，希望严格把关食材",
              "出了肠胃不适的事，希望公开整改情况",
              "后厨卫生要加强管理",
              "希望加强留样和食材进货检查",
            ]
          : ["菜品种类可以再丰富一些", "高峰期排队时间较长", "饭菜偏咸偏油", "价格略高", "希望增加清淡菜品"],
      praise: ["饭菜口味好，分量足", "早餐品种丰富", "服务热情，餐厅干净", "面点很好吃"],
    }),
  },
  // 百味团膳: consistently good, satisfaction just under target.
  "east-canteen": {
    rates: [0.962, 0.966, 0.958, 0.968, 0.964, 0.97, 0.965, 0.967],
    respondents: [105, 145],
    invites: [130, 180],
    weakQuestions: () => ({ "catering.q.variety": 3.5, "catering.q.taste": 1.8, "catering.q.environment": 1.8 }),
    comments: () => ({
      complaints: [
        "菜品种类可以再丰富一些",
        "菜品更新慢，经常是老几样",
        "晚到的话菜就不多了",
        "汤有点淡",
        "就餐区空调不够凉",
      ],
      praise: ["总体不错，饭菜干净卫生", "打菜师傅很热情", "价格实惠", "供餐准时，秩序好"],
    }),
  },
  // 绿源园林: declining — dead plants not replaced, late rectifications.
  greening: {
    rates: [0.972, 0.962, 0.948, 0.93, 0.912, 0.893, 0.872, 0.852],
    respondents: [42, 58],
    invites: [60, 80],
    weakQuestions: (q): QuestionWeights =>
      q < 3
        ? { "greening.q.tidiness": 2, "greening.q.pest-control": 1.5 }
        : { "greening.q.plant-health": 4, "greening.q.lawn": 3.5, "greening.q.responsiveness": 3, "greening.q.seasonal-flowers": 1.5 },
    comments: (q) =>
      q < 3
        ? {
            complaints: ["修剪后的枝叶清理不及时", "喷药前最好提前通知"],
            praise: ["绿化养护很用心，环境优美", "时令花卉摆放好看", "绿篱修剪整齐"],
          }
        : {
            complaints: [
              "草坪有黄土裸露，补植不及时",
              "枯死的树木很久没有更换",
              "反映的问题迟迟不整改",
              "绿化带杂草丛生",
              "修剪后的枝叶堆在路边好几天",
              "喷药时间安排不合理，影响办公",
            ],
            praise: ["中心绿地还可以", "南门广场的花摆得不错"],
          },
  },
  // 嘉会会务: excellent throughout.
  meeting: {
    rates: [0.99, 0.992, 0.988, 0.993, 0.991, 0.994, 0.99, 0.992],
    respondents: [42, 62],
    invites: [65, 100],
    weakQuestions: () => ({ "meeting.q.av": 2.5, "meeting.q.hygiene": 1.5 }),
    comments: () => ({
      complaints: ["话筒偶尔有杂音", "会场空调温度偏低"],
      praise: ["会前调试很到位", "茶水服务周到细致", "会场布置规范整洁", "服务人员礼仪得体", "临时加座响应很快"],
    }),
  },
};

/** Staff members who sometimes answer signed in (recorded as participants). */
const PARTICIPANTS: readonly DemoUserKey[] = ["staff", "wu-ting", "zheng-kai", "huang-min"];
/** …but never the README's staff sign-in in the current quarter: it must find the open surveys unanswered. */
const CURRENT_QUARTER_PARTICIPANTS: readonly DemoUserKey[] = PARTICIPANTS.filter((k) => k !== "staff");

/** How long past quarters' campaigns run: their last 21–27 days. */
const PAST_WINDOW_DAYS: readonly [number, number] = [21, 27];
/** The current quarter's campaign opens this many days before today (not before the quarter's first day). */
const CURRENT_OPENED_DAYS_AGO = 14;

// ---------------------------------------------------------------- the plan (pure)

export type DemoResponseChannel = "open_link" | "invite" | "participant";

export interface PlannedResponse {
  via: DemoResponseChannel;
  /** For `via: "participant"`. */
  participant?: DemoUserKey;
  /** The day it is submitted, inside the campaign's window and never after today. */
  day: string;
  /** 1..5 by question id: every question of the questionnaire (all are required). */
  answers: Record<string, number>;
  comment: string | null;
}

export interface PlannedCampaign {
  contractKey: DemoContractKey;
  serviceType: ServiceType;
  period: string;
  /** Index among the demo quarters, 0 = oldest; the last is the current quarter. */
  quarter: number;
  current: boolean;
  opensOn: string;
  closesOn: string;
  inviteCount: number;
  /** The story's rate for the quarter; the responses give it exactly (to one answer). */
  targetRate: number;
  /** In the order they are submitted (by day). */
  responses: PlannedResponse[];
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
function weekday(day: string): number {
  return (((dayNumber(day) + 4) % 7) + 7) % 7;
}

/** A day in [from, to], most of them soon after `from` (people answer when the notice goes out), few at weekends. */
function responseDay(random: Random, from: string, to: string): string {
  const span = dayNumber(to) - dayNumber(from);
  let day = from;
  for (let attempt = 0; attempt < 4; attempt++) {
    day = addDays(from, Math.floor((span + 1) * random.next() ** 1.6));
    const wd = weekday(day);
    if ((wd !== 0 && wd !== 6) || !random.chance(0.8)) break;
  }
  return day;
}

/** An answer below 4: mostly 基本满意 (3). */
function lowAnswer(random: Random): number {
  const u = random.next();
  return u < 0.72 ? 3 : u < 0.93 ? 2 : 1;
}

/**
 * Answers of `n` respondents to the questions, in a random order: exactly
 * round((1 − rate) × all answers) of them below 4, placed by weight — on
 * grumpier respondents and on the story's weak questions — so they cluster as
 * real complaints do; 2–4 % of the respondents straight-line (the same answer
 * to every question) and nobody else does. `hasLow[i]`: row i has an answer below 4.
 */
function answerMatrix(
  random: Random,
  n: number,
  questionIds: readonly string[],
  rate: number,
  weak: QuestionWeights,
): { rows: number[][]; hasLow: boolean[] } {
  const m = questionIds.length;
  const total = n * m;
  let low = Math.round((1 - rate) * total);
  // Share of 5s among the satisfied answers: more enthusiasm when things go well.
  const fives = clamp(0.3 + (rate - 0.85) * 2, 0.3, 0.6);

  // A few respondents tick the same box all the way down (the monitor's straight-lining).
  const straightCount = Math.round(n * (0.02 + 0.02 * random.next()));
  const straightValue: number[] = [];
  for (let i = 0; i < straightCount; i++) {
    const u = random.next();
    straightValue.push(rate < 0.9 && u < 0.15 ? 3 : u < 0.75 ? 5 : 4);
  }
  for (let i = 0; i < straightCount && low - straightValue.filter((v) => v < 4).length * m < 0; i++) {
    if (straightValue[i]! < 4) straightValue[i] = 4; // a small campaign cannot afford a whole row of 3s
  }
  low -= straightValue.filter((v) => v < 4).length * m;

  const rows: number[][] = Array.from({ length: n }, () => new Array<number>(m).fill(0));
  for (let r = 0; r < straightCount; r++) rows[r]!.fill(straightValue[r]!);

  // Weighted sampling without replacement (Efraimidis–Spirakis): the `low` cells with the largest u^(1/w).
  const grumpiness = Array.from({ length: n }, () => 0.25 - Math.log(1 - random.next()));
  const cells: { r: number; q: number; key: number }[] = [];
  for (let r = straightCount; r < n; r++) {
    for (let q = 0; q < m; q++) {
      const w = grumpiness[r]! * (weak[questionIds[q]!] ?? 1);
      cells.push({ r, q, key: random.next() ** (1 / w) });
    }
  }
  cells.sort((a, b) => b.key - a.key || a.r - b.r || a.q - b.q);
  for (const { r, q } of cells.slice(0, low)) rows[r]![q] = lowAnswer(random);

  for (let r = straightCount; r < n; r++) {
    const row = rows[r]!;
    for (let q = 0; q < m; q++) if (row[q] === 0) row[q] = random.chance(fives) ? 5 : 4;
    // Only the planned straight-liners straight-line: nudge a row that came out uniform by chance.
    if (m >= 2 && row.every((v) => v === row[0])) {
      const q = random.int(0, m - 1);
      row[q] = row[0] === 5 ? 4 : row[0] === 4 ? 5 : row[0] === 1 ? 2 : row[0]! - 1;
    }
  }
  // Straight-liners are not all at the front when submitted.
  const order = random.shuffle(rows.map((_, i) => i));
  return { rows: order.map((i) => rows[i]!), hasLow: order.map((i) => rows[i]!.some((v) => v < 4)) };
}

/**
 * Every campaign of the demo for `today` and its responses, contract by
 * contract (in the order of `demoContracts`), oldest quarter first. Pure and
 * deterministic: the same day always gives the same plan.
 * @example planDemoSurveys("2026-07-15").length // 40
 */
export function planDemoSurveys(today: string): PlannedCampaign[] {
  const quarters = demoQuarters(today);
  const plans: PlannedCampaign[] = [];
  for (const contract of demoContracts(today)) {
    const story = STORIES[contract.key];
    if (story.rates.length !== quarters.length) throw new Error(`demo surveys: ${contract.key} has ${story.rates.length} rates for ${quarters.length} quarters`);
    const questionIds = defaultRubric(contract.serviceType).questionnaire.map((q) => q.id);

    quarters.forEach((period, quarter) => {
      const random = demoRandom(`surveys/${contract.key}/${quarter}`);
      const current = quarter === quarters.length - 1;
      const end = periodEnd(period);
      const opensOn = current
        ? [periodStart(period), addDays(today, -CURRENT_OPENED_DAYS_AGO)].sort().at(-1)!
        : addDays(end, -random.int(PAST_WINDOW_DAYS[0], PAST_WINDOW_DAYS[1]) + 1);
      const closesOn = end;
      const lastDay = current ? today : closesOn;

      const full = random.int(story.respondents[0], story.respondents[1]);
      // The current campaign is still running: a share of the usual response, growing with the days it has been open.
      const openDays = dayNumber(lastDay) - dayNumber(opensOn) + 1;
      const n = current ? Math.max(3, Math.round(full * (0.15 + (0.35 * Math.min(openDays, 15)) / 15))) : full;
      const inviteCount = random.int(story.invites[0], story.invites[1]);
      const rate = story.rates[quarter]!;

      const { rows, hasLow } = answerMatrix(random, n, questionIds, rate, story.weakQuestions(quarter));

      // Channels: a few signed-in staff, 40–60 % through the printed invites, the rest through the open link / QR code.
      const who = (current ? CURRENT_QUARTER_PARTICIPANTS : PARTICIPANTS).filter(() => random.chance(0.35));
      const participants = who.slice(0, Math.max(0, n - 1));
      const invited = Math.min(inviteCount, Math.round((n - participants.length) * (0.4 + 0.2 * random.next())));
      const pools = story.comments(quarter);

      const responses: PlannedResponse[] = rows.map((row, i) => {
        const via: DemoResponseChannel = i < participants.length ? "participant" : i < participants.length + invited ? "invite" : "open_link";
        const low = hasLow[i]!;
        const comment = random.chance(low ? 0.25 : 0.06) ? random.pick(low ? pools.complaints : pools.praise) : null;
        return {
          via,
          ...(via === "participant" ? { participant: participants[i]! } : {}),
          day: responseDay(random, opensOn, lastDay),
          answers: Object.fromEntries(questionIds.map((id, q) => [id, row[q]!])),
          comment,
        };
      });
      // Submitted day by day, as they came in (a stable sort keeps the rest of the order).
      responses.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));

      plans.push({
        contractKey: contract.key,
        serviceType: contract.serviceType,
        period,
        quarter,
        current,
        opensOn,
        closesOn,
        inviteCount,
        targetRate: rate,
        responses,
      });
    });
  }
  return plans;
}

// ---------------------------------------------------------------- writing it

export interface DemoSurveySummary {
  campaigns: number;
  responses: number;
}

function must<R extends { ok: boolean }>(result: R, what: string): Extract<R, { ok: true }> {
  if (!result.ok) throw new Error(`demo seed: ${what} was refused: ${JSON.stringify(result)}`);
  return result as Extract<R, { ok: true }>;
}

/**
 * Creates the demo's survey campaigns and submits their responses through
 * `submitResponse`, as respondents would (see the file's comment).
 * @example await seedDemoSurveys(db, { today: "2026-07-15", ids });
 */
export async function seedDemoSurveys(db: Db, options: { today: string; ids: DemoIds }): Promise<DemoSurveySummary> {
  const { ids } = options;
  const ctx: WriteContext = { orgId: ids.orgId, actorUserId: ids.users.supervisor };
  const plans = planDemoSurveys(options.today);
  let responses = 0;
  for (const plan of plans) {
    const what = `survey of ${plan.contractKey} ${plan.period}`;
    const created = must(
      await createCampaign(db, ctx, {
        contractId: ids.contracts[plan.contractKey],
        period: plan.period,
        opensOn: plan.opensOn,
        closesOn: plan.closesOn,
        allowOpenLink: true,
        inviteCount: plan.inviteCount,
      }),
      what,
    );
    let nextInvite = 0;
    for (const r of plan.responses) {
      let campaign: SubmitTarget;
      if (r.via === "invite") campaign = { inviteCode: created.inviteCodes[nextInvite++]! };
      else if (r.via === "participant") campaign = { campaignId: created.campaignId, orgId: ids.orgId };
      else campaign = { token: created.openToken };
      must(
        await submitResponse(db, {
          campaign,
          answers: r.answers,
          comment: r.comment,
          today: r.day,
          ...(r.participant ? { participant: { userId: ids.users[r.participant] } } : {}),
        },
        // One checkpoint at the end instead of one per response (see SubmitOptions).
        { deferCheckpoint: true }),
        `a response (${r.via}, ${r.day}) to the ${what}`,
      );
      responses++;
    }
    if (!plan.current) must(await setCampaignStatus(db, ctx, { campaignId: created.campaignId, status: "closed" }), `closing the ${what}`);
  }
  await truncateSurveyWal(db);
  return { campaigns: plans.length, responses };
}
