import { describe, expect, it } from "vitest";
import { decodeMsg } from "~/utils/messages";
import { AddPhotosSchema, defaultDueOn, NothingFoundSchema, recordSchemaFor, RecordFindingSchema } from "./schema";

const valid = {
  kind: "patrol",
  gridCellId: "cell-1",
  siteId: "site-1",
  contractId: "contract-1",
  itemId: "property.quality.cleaning-common-areas",
  severity: "major",
  note: " 楼道积水 ",
  dueOn: "2026-07-23",
};
const keysOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), decodeMsg(i.message).key]));

describe("the recording form's schemas", () => {
  it("defaults the deadline by severity: critical the next day, major 3 days, minor 7 (across a month end)", () => {
    expect(defaultDueOn("critical", "2026-07-31")).toBe("2026-08-01");
    expect(defaultDueOn("major", "2026-07-30")).toBe("2026-08-02");
    expect(defaultDueOn("minor", "2026-12-28")).toBe("2027-01-04");
  });

  it("accepts a finding and trims its note", () => {
    const result = RecordFindingSchema.safeParse(valid);
    expect(result.success && result.data.note).toBe("楼道积水");
  });

  it("refuses a finding without item, severity, note, a real deadline or a place, with their message keys", () => {
    const result = RecordFindingSchema.safeParse({ ...valid, itemId: "", severity: "huge", note: "  ", dueOn: "2026-02-30", gridCellId: "", siteId: "" });
    expect(keysOf(result)).toEqual({
      itemId: "inspections.errors.chooseItem",
      severity: "inspections.errors.chooseSeverity",
      note: "form.required",
      dueOn: "form.invalidDate",
    });
    expect(keysOf(RecordFindingSchema.safeParse({ ...valid, gridCellId: "", siteId: "" }))).toEqual({ gridCellId: "inspections.errors.choosePlace" });
  });

  it("picks the schema by intent", () => {
    expect(recordSchemaFor("addPhotos")).toBe(AddPhotosSchema);
    expect(recordSchemaFor("nothing")).toBe(NothingFoundSchema);
    expect(recordSchemaFor("record")).toBe(RecordFindingSchema);
    expect(recordSchemaFor(null)).toBe(RecordFindingSchema);
    expect(NothingFoundSchema.safeParse({ kind: "patrol", gridCellId: "" }).success).toBe(false);
  });
});
