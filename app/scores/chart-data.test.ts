/**
 * The score charts' numbers without a browser: the band rectangles agree with
 * the scoring module's grades, live totals are told from final ones, and the
 * tables and summaries carry the right formatted numbers — both as functions
 * and as the HTML the server sends (all a browser without JavaScript gets,
 * and what a screen reader reads).
 */
import { test } from "@fast-check/vitest";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { arbRubricAndInput } from "../../scoring/arbitraries";
import { defaultRubric } from "../../scoring/rubrics";
import { scoreQuarter } from "../../scoring/score";
import type { Locale } from "~/i18n/config";
import { createI18n } from "~/i18n/instance";
import {
  bandLabel,
  bandRects,
  bandTicks,
  dimensionRows,
  dimensionSummary,
  isLive,
  lostPoints,
  peerRank,
  peerRows,
  peerSummary,
  peerTick,
  periodTick,
  pointLook,
  segmentDashed,
  trendRows,
  trendSummary,
  wrapLabel,
  type BandRect,
  type ChartFormat,
  type DimensionBar,
  type PeerBar,
  type TrendPoint,
} from "./chart-data";
import { DimensionChart } from "./components/dimension-chart";
import { PeerChart } from "./components/peer-chart";
import { TrendChart } from "./components/trend-chart";

/** The page's formatters as useLocale() makes them, on the real texts. */
function formatFor(locale: Locale): ChartFormat {
  const t = createI18n(locale).t;
  return {
    t: (key, options) => t(key, options ?? {}),
    number: (value, digits = 1) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value),
    percent: (value, digits = 0) => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: digits }).format(value),
  };
}
const en = formatFor("en");
const zh = formatFor("zh-CN");

const BANDS = defaultRubric("property").gradeBands;

/** The band a total is drawn in: the highest one starting at or below it (a bound belongs to the band above). */
function rectAt(rects: readonly BandRect[], total: number): BandRect | undefined {
  return [...rects].reverse().find((r) => total >= r.from && total <= r.to);
}

const point = (period: string, total: number | null, state: TrendPoint["state"], extra: Partial<TrendPoint> = {}): TrendPoint => ({
  period,
  total,
  grade: total === null ? null : total >= 90 ? "excellent" : total >= 80 ? "good" : total >= 60 ? "pass" : "fail",
  state,
  provisional: false,
  ...extra,
});

const TREND: TrendPoint[] = [
  point("2026-Q1", 87.5, "finalised"),
  point("2026-Q2", 92, "finalised"),
  point("2026-Q3", 58.3, "draft", { provisional: true }),
  point("2026-Q4", null, "open"),
];

const DIMENSIONS: DimensionBar[] = [
  { id: "quality", label: "Service quality", points: 33.5, max: 40 },
  { id: "satisfaction", label: "Satisfaction", points: 30, max: 30 },
  { id: "duty", label: "Duty", points: 12.25, max: 20 },
];

const PEERS: PeerBar[] = [
  { contractId: "c1", label: "Alpha Property", total: 91.4, grade: "excellent" },
  { contractId: "c2", label: "Beta Services", total: 84, grade: "good" },
  { contractId: "c3", label: "Gamma Estates", total: 91.4, grade: "excellent" },
  { contractId: "c4", label: "Delta Care", total: null, grade: null },
];

describe("grade bands", () => {
  it("turn the rubric's mins into stacked rectangles 0..100, lowest first, whatever their order", () => {
    const expected = [
      { grade: "fail", from: 0, to: 60 },
      { grade: "pass", from: 60, to: 80 },
      { grade: "good", from: 80, to: 90 },
      { grade: "excellent", from: 90, to: 100 },
    ];
    expect(bandRects(BANDS)).toEqual(expected);
    expect(bandRects([...BANDS].reverse())).toEqual(expected);
  });

  it("clip to the axis and leave out empty bands; at equal mins the higher grade keeps the band, as in scoring", () => {
    expect(
      bandRects([
        { grade: "excellent", min: 120 },
        { grade: "good", min: 70 },
        { grade: "pass", min: 70 },
        { grade: "fail", min: -5 },
      ]),
    ).toEqual([
      { grade: "fail", from: 0, to: 70 },
      { grade: "good", from: 70, to: 100 },
    ]);
  });

  it("keep a band that starts at the very top as a line there, so a perfect total is drawn in it", () => {
    expect(bandRects([{ grade: "fail", min: 0 }, { grade: "excellent", min: 100 }])).toEqual([
      { grade: "fail", from: 0, to: 100 },
      { grade: "excellent", from: 100, to: 100 },
    ]);
  });

  test.prop([arbRubricAndInput()], { numRuns: 150 })("the band a total is drawn in is the grade scoreQuarter gives it (no veto)", ([rubric, input]) => {
    const score = scoreQuarter(rubric, { ...input, vetoes: [] });
    expect(rectAt(bandRects(rubric.gradeBands), score.total)?.grade).toBe(score.grade);
  });

  it("put the totals axis' ticks at the bands' bounds", () => {
    expect(bandTicks(bandRects(BANDS))).toEqual([0, 60, 80, 90, 100]);
    expect(bandTicks(bandRects([{ grade: "pass", min: 50 }, { grade: "fail", min: 0 }]))).toEqual([0, 50, 100]);
  });

  it("are labelled with the localised grade and its min; the lowest band only with its grade", () => {
    const rects = bandRects(BANDS);
    expect(rects.map((r) => bandLabel(r, en))).toEqual(["Fail", "Pass ≥60", "Good ≥80", "Excellent ≥90"]);
    expect(bandLabel(rects[3]!, zh)).toBe("优秀 ≥90");
  });
});

describe("live and final totals", () => {
  it("only a finalised quarter's total is final", () => {
    expect((["open", "draft", "reopened", "finalised"] as const).map(isLive)).toEqual([true, true, true, false]);
  });

  it("draws final totals filled, live ones hollow, and no point without a total", () => {
    expect(TREND.map(pointLook)).toEqual(["filled", "filled", "hollow", "none"]);
    expect(pointLook(point("2025-Q4", 70, "reopened"))).toBe("hollow");
  });

  it("dashes a line segment when either end may still change", () => {
    expect(segmentDashed(TREND, 0, 1)).toBe(false);
    expect(segmentDashed(TREND, 1, 2)).toBe(true);
    expect(segmentDashed([point("2026-Q3", 80, "reopened"), point("2026-Q4", 81, "finalised")], 0, 1)).toBe(true);
  });

  it("puts the quarter over the year on the axis, anything else as it is", () => {
    expect(periodTick("2026-Q3")).toEqual(["Q3", "2026"]);
    expect(periodTick("2026")).toBe("2026");
  });
});

describe("the trend's table and summary", () => {
  it("rows: one decimal totals, grade names, state with provisional, a dash without a score", () => {
    expect(trendRows(TREND, en)).toEqual([
      { period: "2026-Q1", total: "87.5", grade: "Good", state: "finalised", live: false },
      { period: "2026-Q2", total: "92", grade: "Excellent", state: "finalised", live: false },
      { period: "2026-Q3", total: "58.3", grade: "Fail", state: "draft · provisional", live: true },
      { period: "2026-Q4", total: "—", grade: "—", state: "open", live: true },
    ]);
    expect(trendRows([point("2026-Q1", 77.77, "open")], en)[0]?.total).toBe("77.8");
  });

  it("one sentence with every quarter, in either language", () => {
    expect(trendSummary("Contract A", TREND, en)).toBe(
      "Quarter totals of Contract A: 2026-Q1 87.5 (Good, finalised); 2026-Q2 92 (Excellent, finalised); 2026-Q3 58.3 (Fail, draft · provisional); 2026-Q4 no score yet.",
    );
    expect(trendSummary("甲合同", TREND.slice(0, 1), zh)).toBe("甲合同 各季度总分：2026-Q1 87.5 分（良好，已定稿）。");
    expect(trendSummary("Contract A", [], en)).toBe("Contract A has no quarter totals yet.");
  });
});

describe("the dimensions", () => {
  it("rows and summary give points of max and the share; the pale rest is what was lost", () => {
    expect(dimensionRows(DIMENSIONS, en)).toEqual([
      { id: "quality", label: "Service quality", points: "33.5", max: "40", share: "84%" },
      { id: "satisfaction", label: "Satisfaction", points: "30", max: "30", share: "100%" },
      { id: "duty", label: "Duty", points: "12.3", max: "20", share: "61%" },
    ]);
    expect(dimensionRows([{ id: "x", label: "X", points: 0, max: 0 }], en)[0]?.share).toBe("—");
    expect(dimensionSummary(DIMENSIONS, en)).toBe("Points per dimension: Service quality 33.5 of 40; Satisfaction 30 of 30; Duty 12.3 of 20.");
    expect(DIMENSIONS.map(lostPoints)).toEqual([6.5, 0, 7.8]);
    expect(lostPoints({ id: "x", label: "X", points: 21, max: 20 })).toBe(0);
  });
});

describe("the peers", () => {
  it("rank the highlighted contract among the scored ones, ties sharing a place", () => {
    expect(peerRank(PEERS, "c2")).toEqual({ rank: 3, of: 3 });
    expect(peerRank(PEERS, "c3")).toEqual({ rank: 1, of: 3 });
    expect(peerRank(PEERS, "c4")).toBeNull();
    expect(peerRank(PEERS, "nope")).toBeNull();
  });

  it("rows mark the highlighted one; the summary names it and its place", () => {
    expect(peerRows(PEERS, "c2", en).map((r) => [r.label, r.total, r.grade, r.highlighted])).toEqual([
      ["Alpha Property", "91.4", "Excellent", false],
      ["Beta Services", "84", "Good", true],
      ["Gamma Estates", "91.4", "Excellent", false],
      ["Delta Care", "—", "—", false],
    ]);
    expect(peerSummary(PEERS, "c2", en)).toBe(
      "Quarter totals of the contracts of the same service type: Alpha Property 91.4 (Excellent); Beta Services (this contract) 84 (Good); Gamma Estates 91.4 (Excellent); Delta Care no score yet. This contract ranks 3 of 3 scored contracts.",
    );
    expect(peerSummary(PEERS, "c4", en)).not.toContain("ranks");
    expect(peerSummary([], null, zh)).toBe("没有同类服务合同。");
  });

  it("a contract without a score says so on the axis, where it has no bar", () => {
    expect(peerTick(PEERS[3]!, en)).toEqual(["Delta Care", "no score yet"]);
    expect(peerTick(PEERS[0]!, zh)).toBe("Alpha Property");
  });

  it("long labels break over lines: Chinese by characters, other languages between words", () => {
    expect(wrapLabel("绿城物业服务集团有限公司保洁合同", 10)).toEqual(["绿城物业服务集团有限", "公司保洁合同"]);
    expect(wrapLabel("短名", 10)).toBe("短名");
    expect(wrapLabel("Alpha Property Services cleaning contract", 10)).toEqual(["Alpha Property", "Services cleaning", "contract"]);
  });
});

// ---------------------------------------------------------------- the HTML without JavaScript

function render(locale: Locale, element: ReactElement): string {
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n: createI18n(locale) }, element));
}

/** The text of each table row's cells (th and td), tags and entities stripped. */
function tableRows(html: string): string[][] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? "";
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => cell[1]!.replace(/<[^>]+>/g, "").replace(/&amp;/g, "&")),
  );
}

function ariaLabel(html: string): string | undefined {
  return /role="img" aria-label="([^"]*)"/.exec(html)?.[1]?.replace(/&amp;/g, "&");
}

describe("server-rendered charts (the view without JavaScript)", () => {
  it("the trend: an open table of every quarter, captioned, with scoped headers; named by its summary; no canvas", () => {
    const html = render("en", createElement(TrendChart, { points: TREND, bands: BANDS, label: "Contract A" }));
    expect(tableRows(html)).toEqual([
      ["2026-Q1", "87.5", "Good", "finalised"],
      ["2026-Q2", "92", "Excellent", "finalised"],
      ["2026-Q3", "58.3", "Fail", "draft · provisional"],
      ["2026-Q4", "—", "—", "open"],
    ]);
    expect(html).toContain("<caption>Quarter totals of Contract A</caption>");
    expect(html.match(/<th scope="col"/g)).toHaveLength(4);
    expect(html.match(/<th scope="row"/g)).toHaveLength(4);
    expect(html).toMatch(/<details class="score-chart-table" open="">/);
    expect(ariaLabel(html)).toBe(trendSummary("Contract A", TREND, en));
    expect(html).not.toContain("<canvas");
  });

  it("the trend in Chinese", () => {
    const html = render("zh-CN", createElement(TrendChart, { points: TREND.slice(2), bands: BANDS, label: "甲合同" }));
    expect(tableRows(html)).toEqual([
      ["2026-Q3", "58.3", "不合格", "待定稿 · 暂定"],
      ["2026-Q4", "—", "—", "进行中"],
    ]);
    expect(ariaLabel(html)).toBe("甲合同 各季度总分：2026-Q3 58.3 分（不合格，待定稿 · 暂定）；2026-Q4 尚无得分。");
    expect(html).toContain("以表格查看");
  });

  it("the dimensions: points, max and share per dimension", () => {
    const html = render("en", createElement(DimensionChart, { dimensions: DIMENSIONS }));
    expect(tableRows(html)).toEqual([
      ["Service quality", "33.5", "40", "84%"],
      ["Satisfaction", "30", "30", "100%"],
      ["Duty", "12.3", "20", "61%"],
    ]);
    expect(html).toContain("<caption>Points per scoring dimension</caption>");
    expect(ariaLabel(html)).toBe("Points per dimension: Service quality 33.5 of 40; Satisfaction 30 of 30; Duty 12.3 of 20.");
  });

  it("the peers: every contract's total and grade, the highlighted one marked in words, not only by colour", () => {
    const html = render("zh-CN", createElement(PeerChart, { peers: PEERS, highlightId: "c3", bands: BANDS }));
    expect(tableRows(html)).toEqual([
      ["Alpha Property", "91.4", "优秀"],
      ["Beta Services", "84", "良好"],
      ["Gamma Estates（本合同）", "91.4", "优秀"],
      ["Delta Care", "—", "—"],
    ]);
    expect(html.match(/<tr class="highlighted">/g)).toHaveLength(1);
    expect(ariaLabel(html)).toContain("本合同在 3 份已评分合同中排第 1。");
  });
});
