import { describe, expect, it, test } from "vitest";
import { campaignAcceptsResponses, campaignRefusal, contractQuarterWritable, quarterStateOn, scoringDay, QUARTER_STATES, WRITABLE_QUARTER_STATES, type CampaignWindow } from "./quarter-lock";

const base: CampaignWindow = { campaignStatus: "open", opensOn: "2026-09-01", closesOn: "2026-09-30", today: "2026-09-10", quarterState: "open" };

describe("contractQuarterWritable", () => {
  it("open, draft and reopened may be written; finalised may not", () => {
    expect(Object.fromEntries(QUARTER_STATES.map((s) => [s, contractQuarterWritable(s)]))).toEqual({
      open: true,
      draft: true,
      finalised: false,
      reopened: true,
    });
  });
  it("a quarter without a row yet is open", () => {
    expect(contractQuarterWritable(null)).toBe(true);
    expect(contractQuarterWritable(undefined)).toBe(true);
  });
  it("lists writable states among the known ones", () => {
    expect(WRITABLE_QUARTER_STATES.every((s) => QUARTER_STATES.includes(s))).toBe(true);
  });
});

describe("campaignAcceptsResponses", () => {
  it("accepts an open campaign inside its days whose quarter may be written", () => {
    for (const quarterState of ["open", "draft", "reopened", null] as const) {
      expect(campaignAcceptsResponses({ ...base, quarterState })).toBe(true);
    }
    expect(campaignAcceptsResponses({ ...base, today: base.opensOn })).toBe(true);
    expect(campaignAcceptsResponses({ ...base, today: base.closesOn })).toBe(true);
  });
  it("refuses a finalised quarter first, then closed, then not yet open", () => {
    expect(campaignRefusal({ ...base, quarterState: "finalised", campaignStatus: "closed" })).toBe("finalised");
    expect(campaignRefusal({ ...base, campaignStatus: "closed" })).toBe("closed");
    expect(campaignRefusal({ ...base, today: "2026-10-01" })).toBe("closed");
    expect(campaignRefusal({ ...base, campaignStatus: "draft" })).toBe("not_open_yet");
    expect(campaignRefusal({ ...base, today: "2026-08-31" })).toBe("not_open_yet");
    expect(campaignAcceptsResponses({ ...base, quarterState: "finalised" })).toBe(false);
  });
});

describe("quarterStateOn", () => {
  const periodEnd = "2026-09-30";
  test("an unfinalised quarter is open through its last day and a draft from the next", () => {
    expect(quarterStateOn(null, { periodEnd, today: "2026-09-30" })).toBe("open");
    expect(quarterStateOn("open", { periodEnd, today: "2026-10-01" })).toBe("draft");
    expect(quarterStateOn(undefined, { periodEnd, today: "2027-01-05" })).toBe("draft");
  });
  test("finalised and reopened are kept whatever the day", () => {
    expect(quarterStateOn("finalised", { periodEnd, today: "2026-09-01" })).toBe("finalised");
    expect(quarterStateOn("reopened", { periodEnd, today: "2026-12-01" })).toBe("reopened");
  });
});

describe("scoringDay", () => {
  test("today until the quarter has been finalised once, then the first finalisation's day", () => {
    expect(scoringDay(null, "2026-10-03")).toBe("2026-10-03");
    expect(scoringDay(undefined, "2026-10-03")).toBe("2026-10-03");
    expect(scoringDay("2026-10-05", "2026-11-18")).toBe("2026-10-05");
  });
});
