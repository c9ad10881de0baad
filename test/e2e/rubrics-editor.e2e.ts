import type { Browser, BrowserContext } from "playwright-core";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createDb } from "../../db/client";
import { quarterRubric } from "../../db/queries/quarter-rubric";
import * as s from "../../db/schema";
import { startApp, type App } from "./app";
import { launchBrowser, login, newContext, PHONE } from "./browser";

/**
 * The rubric editor end to end, on the demo at E2E_CLOCK (2026-11-18: the
 * quarters up to 2026-Q2 finalised, 2026-Q3 a draft, 2026-Q4 running): an
 * admin copies the default property rubric into a draft, looks at the
 * what-if, lowers the satisfaction dimension and raises the quality one,
 * adds an item (a new id of the type, made in the browser),
 * sees the what-if table change, publishes it for every property contract
 * and the version applies from 2027-Q1, while the finalised and running
 * quarters keep their rubric (checked in the database). The editor fits a
 * phone screen.
 */

let app: App;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  context = await newContext(browser, PHONE);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.stop();
});

test("an admin edits a draft, compares the what-if, publishes, and only later quarters use it", async () => {
  const page = await context.newPage();
  await login(page, "admin");
  await page.waitForURL("**/admin");
  await page.locator(".admin-nav").getByRole("link", { name: "考核细则" }).click();
  await page.waitForURL(/\/admin\/rubrics$/);

  await page.getByLabel("服务类型", { exact: true }).selectOption("property");
  await page.getByLabel("版本号").fill("2027.1");
  await page.getByRole("button", { name: "创建草稿" }).click();
  await page.waitForURL(/\/admin\/rubrics\/[^/?]+\?done=created$/);
  const editorUrl = page.url().split("?")[0]!;
  const draftId = editorUrl.split("/").pop()!;
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  await expect.poll(() => page.getByRole("status").filter({ hasText: "合计 100 分" }).count()).toBeGreaterThan(0);

  await page.goto(`${editorUrl}/what-if`);
  const table = page.getByTestId("what-if");
  const before = await table.innerText();
  expect(before).toContain("2026-Q2");

  await page.goto(editorUrl);
  const quality = page.locator('input[name="dimensions.0.max"]');
  const satisfaction = page.locator('input[name="dimensions.1.max"]');
  await expect.poll(() => satisfaction.inputValue()).toBe("30");
  await satisfaction.fill("20");
  await expect.poll(() => page.getByRole("status").filter({ hasText: "合计 90 分，必须等于 100 分" }).count()).toBe(1);
  await quality.fill("50");
  await expect.poll(() => page.getByRole("status").filter({ hasText: "合计 100 分" }).count()).toBeGreaterThan(0);
  // A new item at the end of the first dimension, with a new id of the type.
  const items = page.locator('input[type="hidden"][name^="dimensions.0.items."][name$=".id"]');
  const count = await items.count();
  await page.getByRole("button", { name: "添加检查内容" }).first().click();
  await expect.poll(() => items.count()).toBe(count + 1);
  const row = `dimensions.0.items.${count}`;
  await page.locator(`input[name="${row}.label.zh-CN"]`).fill("电梯应急电话无人接听");
  await page.locator(`input[name="${row}.label.en"]`).fill("Lift emergency phone not answered");
  await page.locator(`input[name="${row}.deduction.minor"]`).fill("1");
  await page.locator(`input[name="${row}.deduction.major"]`).fill("2");
  await page.locator(`input[name="${row}.deduction.critical"]`).fill("4");
  await page.getByRole("button", { name: "保存草稿" }).click();
  await page.waitForURL(/\?done=saved$/);
  await expect.poll(() => satisfaction.inputValue()).toBe("20");

  await page.goto(`${editorUrl}/what-if`);
  const after = await table.innerText();
  expect(after).not.toBe(before);

  await page.goto(editorUrl);
  await page.getByText("我确认：本版本自 2027-Q1 起适用于所选合同").click();
  await page.getByRole("button", { name: "发布", exact: true }).click();
  await page.waitForURL(/\?published=2027-Q1&contracts=\d+$/);
  await expect.poll(() => page.getByText("已发布，自 2027-Q1 起适用于").count()).toBe(1);
  expect(await page.locator('input[name="dimensions.1.max"]').isDisabled()).toBe(true);

  const { db, client } = createDb({ url: app.databaseUrl });
  try {
    const contracts = await db.select().from(s.contracts).where(eq(s.contracts.serviceType, "property"));
    expect(contracts.length).toBeGreaterThan(0);
    const [draft] = await db.select().from(s.rubricVersions).where(eq(s.rubricVersions.id, draftId));
    const added = draft!.rubric.dimensions[0]!.items.at(-1)!;
    expect(added).toEqual({ id: "property.quality.item-1", label: { "zh-CN": "电梯应急电话无人接听", en: "Lift emergency phone not answered" }, deduction: { minor: 1, major: 2, critical: 4 } });
    let snapshots = 0;
    for (const contract of contracts) {
      expect(contract).toMatchObject({ rubricVersionId: draftId, rubricFromPeriod: "2027-Q1" });
      const scope = { orgId: contract.orgId, contract: { id: contract.id, serviceType: contract.serviceType, rubricVersionId: contract.rubricVersionId } };
      // The next quarter uses the new version; the finalised, draft and running ones keep theirs.
      const next = await quarterRubric(db, { ...scope, period: "2027-Q1" });
      expect(next!.ref.rubricVersionId).toBe(draftId);
      expect(next!.rubric.dimensions[1]!.max).toBe(20);
      for (const period of ["2026-Q2", "2026-Q3", "2026-Q4"]) {
        const kept = await quarterRubric(db, { ...scope, period });
        expect(kept!.ref.rubricVersionId, period).not.toBe(draftId);
        expect(kept!.rubric.dimensions[1]!.max, period).toBe(30);
      }
      const [snapshot] = await db
        .select()
        .from(s.quarterScores)
        .where(and(eq(s.quarterScores.contractId, contract.id), eq(s.quarterScores.period, "2026-Q2")));
      if (snapshot) {
        snapshots += 1;
        expect(snapshot.rubricVersion).not.toBe("2027.1");
      }
    }
    expect(snapshots).toBeGreaterThan(0);
  } finally {
    client.close();
  }
});
