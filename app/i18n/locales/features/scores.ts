/**
 * Texts of the quarter scores and the supervision dashboard. zh-CN first.
 * `chart` holds the chart components' texts (app/scores/components/*); the
 * grade names are the common `grades.*` texts, shared with the rubric pages.
 */
import type { DeepStrings } from "./types";

export const zhCN = {
  chart: {
    showTable: "以表格查看",
    noScore: "尚无得分",
    itemSeparator: "；",
    listSeparator: "，",
    states: { open: "进行中", draft: "待定稿", finalised: "已定稿", reopened: "更正中" },
    provisional: "暂定",
    key: { final: "实心点：已定稿", live: "空心点、虚线：仍可能变化" },
    bandLabel: "{{grade}} ≥{{min}}",
    trend: {
      caption: "{{label}} 各季度总分",
      period: "季度",
      total: "总分",
      grade: "等级",
      state: "状态",
      summary: "{{label}} 各季度总分：{{items}}。",
      summaryNone: "{{label}} 还没有季度总分。",
      item: "{{period}} {{total}} 分（{{details}}）",
      itemNone: "{{period}} 尚无得分",
      series: "季度总分",
    },
    dimension: {
      caption: "各考核要素得分",
      dimension: "考核要素",
      points: "得分",
      max: "满分",
      share: "得分率",
      lost: "扣减",
      summary: "各考核要素得分：{{items}}。",
      summaryNone: "没有考核要素。",
      item: "{{label}} {{points}} 分（满分 {{max}} 分）",
    },
    peer: {
      caption: "同类服务合同的季度总分",
      contract: "合同",
      total: "总分",
      grade: "等级",
      current: "（本合同）",
      summary: "同类服务合同的季度总分：{{items}}。",
      summaryRank: "同类服务合同的季度总分：{{items}}。本合同在 {{of}} 份已评分合同中排第 {{rank}}。",
      summaryNone: "没有同类服务合同。",
      item: "{{label}} {{total}} 分（{{grade}}）",
      itemNone: "{{label}} 尚无得分",
    },
  },
};

export const en: DeepStrings<typeof zhCN> = {
  chart: {
    showTable: "Show as a table",
    noScore: "no score yet",
    itemSeparator: "; ",
    listSeparator: ", ",
    states: { open: "open", draft: "draft", finalised: "finalised", reopened: "being corrected" },
    provisional: "provisional",
    key: { final: "Filled dots: finalised", live: "Hollow dots, dashed line: may still change" },
    bandLabel: "{{grade}} ≥{{min}}",
    trend: {
      caption: "Quarter totals of {{label}}",
      period: "Quarter",
      total: "Total",
      grade: "Grade",
      state: "State",
      summary: "Quarter totals of {{label}}: {{items}}.",
      summaryNone: "{{label}} has no quarter totals yet.",
      item: "{{period}} {{total}} ({{details}})",
      itemNone: "{{period}} no score yet",
      series: "Quarter total",
    },
    dimension: {
      caption: "Points per scoring dimension",
      dimension: "Dimension",
      points: "Points",
      max: "Maximum",
      share: "Share",
      lost: "Deducted",
      summary: "Points per dimension: {{items}}.",
      summaryNone: "No dimensions.",
      item: "{{label}} {{points}} of {{max}}",
    },
    peer: {
      caption: "Quarter totals of the contracts of the same service type",
      contract: "Contract",
      total: "Total",
      grade: "Grade",
      current: " (this contract)",
      summary: "Quarter totals of the contracts of the same service type: {{items}}.",
      summaryRank: "Quarter totals of the contracts of the same service type: {{items}}. This contract ranks {{rank}} of {{of}} scored contracts.",
      summaryNone: "No contracts of the same service type.",
      item: "{{label}} {{total}} ({{grade}})",
      itemNone: "{{label}} no score yet",
    },
  },
};
