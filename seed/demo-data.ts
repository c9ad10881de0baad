/**
 * The demo organisation as plain data (PRODUCT.md, "The demo organisation"):
 * the centre, its people, sites, 49 grid cells, five contractors and their
 * contracts. Pure — no database, no clock: every date is worked out from the
 * `today` passed in ("YYYY-MM-DD" in Asia/Shanghai), and any variation comes
 * from the fixed-seed generator in ./random, so a given day always gives the
 * same organisation.
 *
 * The stories play over the last eight quarters counted back from the current
 * one: `demoQuarters(today)` — the current quarter and the seven before it.
 * Every contract's term starts on the first day of the oldest of them. The
 * survey, inspection and scoring parts of the seed fill those quarters,
 * keyed by the contract `key`s below.
 */
import type { PaymentRule, ServiceType } from "../scoring/types";
import { daysInMonth, isIsoDate, periodEnd, periodFromIndex, periodIndex, periodOfDate, periodStart } from "../scoring/dates";
import type { Role, SiteKind } from "../db/schema";
import { withUsccCheck } from "../domain/uscc";
import { demoRandom } from "./random";

export const DEMO_ORG = {
  name: "示范市机关事务服务中心",
  slug: "demo",
  timeZone: "Asia/Shanghai",
} as const;

/** The password of every demo account (listed in the README; never use it outside the demo). */
export const DEMO_PASSWORD = "kaoping-demo";

/** How many quarters of history the demo tells its stories over (the current one included). */
export const DEMO_HISTORY_QUARTERS = 8;

// ---------------------------------------------------------------- people

export type DemoUserKey =
  | "admin"
  | "supervisor"
  | "procurement"
  | "staff"
  | "chen-zhiqiang"
  | "sun-haiyan"
  | "zhou-wei"
  | "wu-ting"
  | "zheng-kai"
  | "huang-min";

export interface DemoUser {
  key: DemoUserKey;
  email: string;
  name: string;
  role: Role;
}

const email = (local: string) => `${local}@demo.kaoping.test`;

/** The four sign-ins of the README, one per role, in role order. */
export const DEMO_SIGN_INS: readonly DemoUser[] = [
  { key: "admin", email: email("admin"), name: "林晓燕", role: "admin" },
  { key: "supervisor", email: email("supervisor"), name: "王建军", role: "supervisor" },
  { key: "procurement", email: email("procurement"), name: "赵丽华", role: "procurement" },
  { key: "staff", email: email("staff"), name: "刘洋", role: "staff" },
];

/** Everyone in the demo centre: the sign-ins, three more patrol leaders and three more staff. */
export const DEMO_USERS: readonly DemoUser[] = [
  ...DEMO_SIGN_INS,
  { key: "chen-zhiqiang", email: email("chen.zhiqiang"), name: "陈志强", role: "supervisor" },
  { key: "sun-haiyan", email: email("sun.haiyan"), name: "孙海燕", role: "supervisor" },
  { key: "zhou-wei", email: email("zhou.wei"), name: "周伟", role: "supervisor" },
  { key: "wu-ting", email: email("wu.ting"), name: "吴婷", role: "staff" },
  { key: "zheng-kai", email: email("zheng.kai"), name: "郑凯", role: "staff" },
  { key: "huang-min", email: email("huang.min"), name: "黄敏", role: "staff" },
];

// ---------------------------------------------------------------- sites and grid cells

export type DemoSiteKey = "building-1" | "building-2" | "building-3" | "main-canteen" | "east-canteen" | "conference" | "campus";

export interface DemoSite {
  key: DemoSiteKey;
  name: string;
  kind: SiteKind;
  address: string;
}

const ADDRESS = "示范市人民路1号";

export const DEMO_SITES: readonly DemoSite[] = [
  { key: "building-1", name: "1号办公楼", kind: "building", address: `${ADDRESS} 机关大院北区` },
  { key: "building-2", name: "2号办公楼", kind: "building", address: `${ADDRESS} 机关大院北区` },
  { key: "building-3", name: "3号办公楼", kind: "building", address: `${ADDRESS} 机关大院西区` },
  { key: "main-canteen", name: "主食堂", kind: "canteen", address: `${ADDRESS} 机关大院中区` },
  { key: "east-canteen", name: "东区食堂", kind: "canteen", address: `${ADDRESS} 机关大院东区` },
  { key: "conference", name: "会议中心", kind: "conference", address: `${ADDRESS} 机关大院南区` },
  { key: "campus", name: "机关大院", kind: "campus", address: ADDRESS },
];

export interface DemoGridCell {
  /** Painted on the patrol sheet: a letter per site, a number per cell. */
  code: string;
  name: string;
  siteKey: DemoSiteKey;
  /** A supervisor of the centre. */
  leaderKey: DemoUserKey;
}

/** Floors of an office building split into east and west halves: 1层东区, 1层西区, 2层东区, … */
function floorCells(building: string, floors: number): string[] {
  const names: string[] = [];
  for (let floor = 1; floor <= floors; floor++) names.push(`${building} ${floor}层东区`, `${building} ${floor}层西区`);
  return names;
}

/** Per site: its letter, its cells' names and the supervisors who take turns leading its patrols. */
const GRID_PLAN: readonly { siteKey: DemoSiteKey; letter: string; names: string[]; team: DemoUserKey[] }[] = [
  { siteKey: "building-1", letter: "A", names: floorCells("1号楼", 6), team: ["supervisor", "chen-zhiqiang"] },
  { siteKey: "building-2", letter: "B", names: floorCells("2号楼", 5), team: ["chen-zhiqiang", "sun-haiyan"] },
  { siteKey: "building-3", letter: "C", names: floorCells("3号楼", 4), team: ["sun-haiyan", "supervisor"] },
  { siteKey: "main-canteen", letter: "D", names: ["主食堂 就餐大厅", "主食堂 后厨加工区", "主食堂 食材库房", "主食堂 洗消间"], team: ["zhou-wei"] },
  { siteKey: "east-canteen", letter: "E", names: ["东区食堂 就餐区", "东区食堂 后厨", "东区食堂 库房"], team: ["zhou-wei", "supervisor"] },
  {
    siteKey: "conference",
    letter: "F",
    names: ["会议中心 大会议室", "会议中心 中小会议室", "会议中心 贵宾接待室", "会议中心 音视频控制室"],
    team: ["supervisor"],
  },
  {
    siteKey: "campus",
    letter: "G",
    names: ["北门及停车场", "南门广场", "中心绿地", "东侧绿化带", "西侧绿化带", "健身活动区", "主干道", "后勤保障区"],
    team: ["zhou-wei", "chen-zhiqiang", "sun-haiyan"],
  },
];

/** The 49 grid cells (12 + 10 + 8 in the office buildings, 4 + 3 in the canteens, 4 conference, 8 campus). */
export function demoGridCells(): DemoGridCell[] {
  const random = demoRandom("grid-cells");
  return GRID_PLAN.flatMap(({ siteKey, letter, names, team }) =>
    names.map((name, i) => ({
      code: `${letter}-${String(i + 1).padStart(2, "0")}`,
      name,
      siteKey,
      leaderKey: random.pick(team),
    })),
  );
}

// ---------------------------------------------------------------- contractors

export type DemoContractorKey = "anju" | "hefeng" | "baiwei" | "lvyuan" | "jiahui";

export interface DemoContractor {
  key: DemoContractorKey;
  name: string;
  /** A valid USCC: a plausible 17-character body and its check character. */
  creditCode: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
}

/** Fictional companies: the codes are well-formed but belong to nobody we know of. */
export const DEMO_CONTRACTORS: readonly DemoContractor[] = [
  {
    key: "anju",
    name: "安居物业服务有限公司",
    creditCode: withUsccCheck("91350102MA2XK4U7P"),
    contactName: "陈建华",
    contactPhone: "13800001101",
    contactEmail: "chen.jianhua@anju-wuye.test",
  },
  {
    key: "hefeng",
    name: "禾丰餐饮管理有限公司",
    creditCode: withUsccCheck("91350103MA31HF8E2"),
    contactName: "李国栋",
    contactPhone: "13800001202",
    contactEmail: "li.guodong@hefeng-canyin.test",
  },
  {
    key: "baiwei",
    name: "百味团膳有限公司",
    creditCode: withUsccCheck("91350104MA8RBW6T3"),
    contactName: "张秀兰",
    contactPhone: "13800001303",
    contactEmail: "zhang.xiulan@baiwei-tuanshan.test",
  },
  {
    key: "lvyuan",
    name: "绿源园林绿化有限公司",
    creditCode: withUsccCheck("913501057541LY9G0"),
    contactName: "黄志明",
    contactPhone: "13800001404",
    contactEmail: "huang.zhiming@lvyuan-yuanlin.test",
  },
  {
    key: "jiahui",
    name: "嘉会会务服务有限公司",
    creditCode: withUsccCheck("91350111MA2JHW5N8"),
    contactName: "何静",
    contactPhone: "13800001505",
    contactEmail: "he.jing@jiahui-huiwu.test",
  },
];

/** A contractor's site manager (服务企业现场负责人), who signs in to the contractor portal. */
export interface DemoContractorSignIn {
  key: `site-${DemoContractorKey}`;
  email: string;
  name: string;
  contractorKey: DemoContractorKey;
}

/** One contractor person per demo contractor (listed in the README), e-mail `site.<contractor key>@…`. */
export const DEMO_CONTRACTOR_SIGN_INS: readonly DemoContractorSignIn[] = [
  { key: "site-anju", email: email("site.anju"), name: "马文涛", contractorKey: "anju" },
  { key: "site-hefeng", email: email("site.hefeng"), name: "钱玉梅", contractorKey: "hefeng" },
  { key: "site-baiwei", email: email("site.baiwei"), name: "罗振宇", contractorKey: "baiwei" },
  { key: "site-lvyuan", email: email("site.lvyuan"), name: "冯春生", contractorKey: "lvyuan" },
  { key: "site-jiahui", email: email("site.jiahui"), name: "唐晓琳", contractorKey: "jiahui" },
];

// ---------------------------------------------------------------- contracts

export type DemoContractKey = "property" | "main-canteen" | "east-canteen" | "greening" | "meeting";

/** What the contract's quarters show (PRODUCT.md); the other parts of the seed read it. */
export type DemoStory = "improving" | "vetoed" | "steady-below-target" | "declining" | "excellent";

export interface DemoContract {
  key: DemoContractKey;
  contractorKey: DemoContractorKey;
  serviceType: ServiceType;
  title: string;
  code: string;
  siteKeys: DemoSiteKey[];
  startOn: string;
  endOn: string;
  annualValueFen: number;
  paymentRule: PaymentRule;
  story: DemoStory;
}

/** The usual step table of the demo's contracts: the payable share by quarter total, 70 % after a veto. */
export const DEMO_STEP_RULE: PaymentRule = {
  kind: "steps",
  steps: [
    { minTotal: 90, percent: 100 },
    { minTotal: 80, percent: 97 },
    { minTotal: 60, percent: 90 },
    { minTotal: 0, percent: 80 },
  ],
  vetoPercent: 70,
};

/** The greening contract pays 100 % from 90 points, and (10 + total) % below: 85 points pay 95 %. */
export const DEMO_LINEAR_RULE: PaymentRule = { kind: "linear_below", threshold: 90, base: 10, vetoPercent: 70 };

const yuan = (amount: number) => amount * 100;

/** The quarter containing `today`, as a running count (see `periodIndex`). */
function currentQuarterIndex(today: string): number {
  return periodIndex(periodOfDate(today));
}

/** The last day of the month `months` after the month of `day`. */
function lastDayOfMonthAfter(day: string, months: number): string {
  const total = Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1 + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(daysInMonth(year, month)).padStart(2, "0")}`;
}

/**
 * The quarters the demo's stories play over, oldest first: the seven before
 * the current quarter and the current one.
 * @example demoQuarters("2026-07-15") // ["2024-Q4", "2025-Q1", …, "2026-Q2", "2026-Q3"]
 */
export function demoQuarters(today: string): string[] {
  assertDay(today);
  const current = currentQuarterIndex(today);
  return Array.from({ length: DEMO_HISTORY_QUARTERS }, (_, i) => periodFromIndex(current - DEMO_HISTORY_QUARTERS + 1 + i));
}

function assertDay(today: string): void {
  if (!isIsoDate(today)) throw new RangeError(`today must be a day "YYYY-MM-DD", got ${JSON.stringify(today)}`);
}

/**
 * The five contracts, their terms worked out from `today`:
 * all start on the first day of the oldest demo quarter; the east canteen's
 * ends on the last day of the month after next (two to three months away,
 * so procurement sees it nearing its end), the main canteen's at the end of
 * the quarter after next, the others one to two years out.
 */
export function demoContracts(today: string): DemoContract[] {
  assertDay(today);
  const current = currentQuarterIndex(today);
  const startOn = periodStart(periodFromIndex(current - DEMO_HISTORY_QUARTERS + 1));
  const endOfQuarter = (ahead: number) => periodEnd(periodFromIndex(current + ahead));
  const year = startOn.slice(0, 4);
  return [
    {
      key: "property",
      contractorKey: "anju",
      serviceType: "property",
      title: "1–3号办公楼物业管理服务合同",
      code: `SFJG-${year}-WY-01`,
      siteKeys: ["building-1", "building-2", "building-3"],
      startOn,
      endOn: endOfQuarter(5),
      annualValueFen: yuan(3_600_000),
      paymentRule: DEMO_STEP_RULE,
      story: "improving",
    },
    {
      key: "main-canteen",
      contractorKey: "hefeng",
      serviceType: "catering",
      title: "主食堂餐饮服务合同",
      code: `SFJG-${year}-CY-01`,
      siteKeys: ["main-canteen"],
      startOn,
      endOn: endOfQuarter(2),
      annualValueFen: yuan(2_400_000),
      paymentRule: DEMO_STEP_RULE,
      story: "vetoed",
    },
    {
      key: "east-canteen",
      contractorKey: "baiwei",
      serviceType: "catering",
      title: "东区食堂团膳服务合同",
      code: `SFJG-${year}-CY-02`,
      siteKeys: ["east-canteen"],
      startOn,
      endOn: lastDayOfMonthAfter(today, 2),
      annualValueFen: yuan(1_500_000),
      paymentRule: DEMO_STEP_RULE,
      story: "steady-below-target",
    },
    {
      key: "greening",
      contractorKey: "lvyuan",
      serviceType: "greening",
      title: "机关大院绿化养护服务合同",
      code: `SFJG-${year}-LH-01`,
      siteKeys: ["campus"],
      startOn,
      endOn: endOfQuarter(4),
      annualValueFen: yuan(800_000),
      paymentRule: DEMO_LINEAR_RULE,
      story: "declining",
    },
    {
      key: "meeting",
      contractorKey: "jiahui",
      serviceType: "meeting",
      title: "会议中心会务保障服务合同",
      code: `SFJG-${year}-HW-01`,
      siteKeys: ["conference"],
      startOn,
      endOn: endOfQuarter(7),
      annualValueFen: yuan(600_000),
      paymentRule: DEMO_STEP_RULE,
      story: "excellent",
    },
  ];
}

// ---------------------------------------------------------------- everything

export interface DemoData {
  today: string;
  org: typeof DEMO_ORG;
  users: readonly DemoUser[];
  sites: readonly DemoSite[];
  gridCells: DemoGridCell[];
  contractors: readonly DemoContractor[];
  /** The contractors' people (role "contractor"), created after the contractors. */
  contractorPeople: readonly DemoContractorSignIn[];
  contracts: DemoContract[];
  quarters: string[];
}

/** The whole demo organisation for `today`; the same day always gives the same value. */
export function buildDemoData(today: string): DemoData {
  return {
    today,
    org: DEMO_ORG,
    users: DEMO_USERS,
    sites: DEMO_SITES,
    gridCells: demoGridCells(),
    contractors: DEMO_CONTRACTORS,
    contractorPeople: DEMO_CONTRACTOR_SIGN_INS,
    contracts: demoContracts(today),
    quarters: demoQuarters(today),
  };
}
