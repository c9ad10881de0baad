import { describe, expect, it } from "vitest";
import { appealRefusal, milderSeverities, targetAppealable, upheldOutcome, upheldOutcomes, type AppealTargetState } from "./appeals";

const finding: AppealTargetState = { target: "finding", findingStatus: "open" };
const base = { quarterState: "draft", today: "2026-10-05", recordedOn: "2026-09-20", closesOn: "2026-10-13", targetState: finding };

describe("appealRefusal", () => {
  it("takes an appeal from the day recorded to the window's last day, both included", () => {
    expect(appealRefusal({ ...base, today: "2026-09-20", quarterState: "open" })).toBeNull();
    expect(appealRefusal({ ...base, today: "2026-10-13" })).toBeNull();
    expect(appealRefusal({ ...base, today: "2026-09-19", quarterState: "open" })).toBe("not_recorded_yet");
    expect(appealRefusal({ ...base, today: "2026-10-14" })).toBe("window_closed");
  });
  it("no window is a closed window", () => {
    expect(appealRefusal({ ...base, closesOn: null })).toBe("window_closed");
  });
  it("a finalised quarter refuses even inside the window; a reopened one inside it takes the appeal", () => {
    expect(appealRefusal({ ...base, quarterState: "finalised" })).toBe("quarter_finalised");
    expect(appealRefusal({ ...base, quarterState: "reopened" })).toBeNull();
  });
  it("a target with nothing to contest comes first", () => {
    expect(appealRefusal({ ...base, quarterState: "finalised", targetState: { target: "finding", findingStatus: "withdrawn" } })).toBe("not_appealable");
  });
});

describe("targetAppealable", () => {
  it("a withdrawn finding, a repeat target without a standing mark and a withdrawn veto are not appealable", () => {
    expect(targetAppealable({ target: "finding", findingStatus: "verified" })).toBe(true);
    expect(targetAppealable({ target: "finding", findingStatus: "withdrawn" })).toBe(false);
    expect(targetAppealable({ target: "repeat", findingStatus: "open", repeatCounts: true })).toBe(true);
    expect(targetAppealable({ target: "repeat", findingStatus: "open", repeatCounts: false })).toBe(false);
    expect(targetAppealable({ target: "repeat", findingStatus: "withdrawn", repeatCounts: true })).toBe(false);
    expect(targetAppealable({ target: "veto", vetoStatus: "confirmed" })).toBe(true);
    expect(targetAppealable({ target: "veto", vetoStatus: "pending" })).toBe(true);
    expect(targetAppealable({ target: "veto", vetoStatus: "withdrawn" })).toBe(false);
  });
});

describe("what an upheld appeal may do", () => {
  it("lowers a severity only to a milder one", () => {
    expect(milderSeverities("critical")).toEqual(["minor", "major"]);
    expect(milderSeverities("major")).toEqual(["minor"]);
    expect(milderSeverities("minor")).toEqual([]);
    expect(milderSeverities("bogus")).toEqual([]);
  });
  it("offers per target: withdraw or lower a finding, clear a repeat, withdraw a veto", () => {
    expect(upheldOutcomes("finding", "major")).toEqual(["finding_withdrawn", "severity_lowered"]);
    expect(upheldOutcomes("finding", "minor")).toEqual(["finding_withdrawn"]);
    expect(upheldOutcomes("repeat")).toEqual(["repeat_cleared"]);
    expect(upheldOutcomes("veto")).toEqual(["veto_withdrawn"]);
  });
  it("maps a decision to its outcome and refuses what is not allowed", () => {
    expect(upheldOutcome({ target: "finding", severity: "major", severityTo: null })).toBe("finding_withdrawn");
    expect(upheldOutcome({ target: "finding", severity: "critical", severityTo: "major" })).toBe("severity_lowered");
    expect(upheldOutcome({ target: "finding", severity: "major", severityTo: "major" })).toBeNull();
    expect(upheldOutcome({ target: "finding", severity: "minor", severityTo: "major" })).toBeNull();
    expect(upheldOutcome({ target: "repeat", severity: "major", severityTo: null })).toBe("repeat_cleared");
    expect(upheldOutcome({ target: "repeat", severity: "major", severityTo: "minor" })).toBeNull();
    expect(upheldOutcome({ target: "veto", severity: null })).toBe("veto_withdrawn");
  });
});
