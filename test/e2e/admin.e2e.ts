/**
 * An admin, on a phone, creates a site, a contractor (after being told exactly
 * what is wrong with a mistyped credit code) and a contract with a step-table
 * payment rule edited in the form — then finds the contract in the list.
 * The same credit-code message comes back from the server when JavaScript is off.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { withUsccCheck } from "../../domain/uscc";
import { startApp, type App } from "./app";
import { launchBrowser, login, newContext, PHONE } from "./browser";

let app: App;
let browser: Browser;
beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

// Unique per run, so the test also passes against a database it has seen before.
const run = String(Date.now() % 1_000_000_000).padStart(9, "0");
const SITE = `测试楼${run}`;
const CONTRACTOR = `测试物业服务有限公司${run}`;
const CREDIT_CODE = withUsccCheck(`91350100${run}`);
const CONTRACT = `测试楼物业服务合同${run}`;
const MISTYPED = "91350100M000100Y44"; // the check character should be 3

const alertWith = (page: Page, text: string | RegExp) => page.getByRole("alert").filter({ hasText: text });

test("an admin creates a contractor and a contract with a step-table payment rule, then finds it", async () => {
  const context = await newContext(browser, PHONE);
  const page = await context.newPage();
  await login(page, "admin");
  await page.waitForURL("**/admin");

  // A site for the contract to cover.
  await page.goto("/admin/sites/new");
  await page.getByLabel("场所名称").fill(SITE);
  await page.getByLabel("类型").selectOption({ label: "办公楼" });
  await page.getByRole("button", { name: "创建", exact: true }).click();
  await page.waitForURL(/\/admin\/sites\/[^/?]+\?done=created$/);

  // The contractor: a mistyped credit code is refused with the expected check character.
  await page.goto("/admin/contractors/new");
  await page.getByLabel("企业名称").fill(CONTRACTOR);
  const creditCode = page.getByLabel("统一社会信用代码", { exact: true });
  await creditCode.fill(MISTYPED);
  await page.getByRole("button", { name: "创建", exact: true }).click();
  await expect(alertWith(page, "校验位不正确").textContent()).resolves.toBe(
    "统一社会信用代码校验位不正确（第 18 位应为 3，当前为 4），请核对是否有输错的字符。",
  );
  expect(await creditCode.getAttribute("aria-invalid")).toBe("true");
  expect(page.url()).toMatch(/\/admin\/contractors\/new$/);
  await creditCode.fill(CREDIT_CODE.slice(0, 17));
  await creditCode.blur();
  await expect(alertWith(page, "应为 18 位").textContent()).resolves.toContain("当前为 17 位");
  await creditCode.fill(CREDIT_CODE);
  await page.getByLabel("联系人姓名").fill("陈经理");
  await page.getByRole("button", { name: "创建", exact: true }).click();
  await page.waitForURL(/\/admin\/contractors\/[^/?]+\?done=created$/);
  await page.getByRole("heading", { level: 1, name: CONTRACTOR }).waitFor();
  await expect(page.getByRole("status").filter({ hasText: "已创建" }).count()).resolves.toBe(1);

  // The contract, with the step table edited in the form.
  await page.goto("/admin/contracts/new");
  await page.getByLabel("服务企业", { exact: true }).selectOption({ label: CONTRACTOR });
  await page.getByLabel("服务类型").selectOption({ label: "物业服务" });
  await page.getByLabel("合同名称").fill(CONTRACT);
  await page.getByLabel("开始日期").fill("2026-01-01");
  await page.getByLabel("结束日期").fill("2027-12-31");
  await page.getByLabel("年度合同金额（元）").fill("960000");
  await page.getByLabel(SITE).check();

  // Removing the 0 step is refused with the reason…
  await page.getByRole("button", { name: "删除第 4 档" }).click();
  await page.getByRole("button", { name: "创建", exact: true }).click();
  await expect(alertWith(page, "必须有一档从 0 分起").count()).resolves.toBe(1);
  // …so put it back, and add a 70-point step.
  await page.getByRole("button", { name: "添加一档" }).click();
  await page.getByLabel("第 4 档：总分不低于（分）").fill("0");
  await page.getByLabel("第 4 档：支付比例（%）").fill("85");
  await page.getByRole("button", { name: "添加一档" }).click();
  await page.getByLabel("第 5 档：总分不低于（分）").fill("70");
  await page.getByLabel("第 5 档：支付比例（%）").fill("95");
  // The preview pays by the rule as typed: a quarter of 960 000 yuan, 70 points → 95 %.
  const preview = page.getByRole("region", { name: "试算" });
  await expect(preview.getByRole("row", { name: /^70 分/ }).textContent()).resolves.toMatch(/95 %.*¥228,000\.00.*¥12,000\.00/);
  await expect(preview.getByRole("row", { name: /^45 分/ }).textContent()).resolves.toContain("85 %");
  // The contract's own quarterly fee, when given, is the fee the preview pays from: 95 % of 250 000.
  const quarterlyFee = page.getByLabel("季度服务费（元）");
  await expect(quarterlyFee.getAttribute("aria-describedby").then((ids) => page.locator(`[id="${ids!.split(" ")[0]}"]`).textContent())).resolves.toContain("不填时");
  await quarterlyFee.fill("250000");
  await expect(preview.getByRole("row", { name: /^70 分/ }).textContent()).resolves.toMatch(/95 %.*¥237,500\.00.*¥12,500\.00/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.getByRole("button", { name: "创建", exact: true }).click();
  await page.waitForURL(/\/admin\/contracts\/[^/?]+\?done=created$/);
  await page.getByRole("heading", { level: 1, name: CONTRACT }).waitFor();
  // Stored as a step table, highest step first: 90, 80, 70, 60, 0.
  await expect(page.getByLabel("第 3 档：总分不低于（分）").inputValue()).resolves.toBe("70");
  await expect(page.getByLabel("第 3 档：支付比例（%）").inputValue()).resolves.toBe("95");
  await expect(page.getByLabel("季度服务费（元）").inputValue()).resolves.toBe("250000.00");

  // Found in the list by a search.
  await page.goto("/admin/contracts");
  await page.getByRole("searchbox", { name: "搜索合同" }).fill(run);
  await page.getByRole("button", { name: "搜索", exact: true }).click();
  await page.waitForURL(/\/admin\/contracts\?q=/);
  await expect(page.getByRole("status").filter({ hasText: run }).textContent()).resolves.toBe(`搜索“${run}”：共 1 条`);
  const link = page.getByRole("rowheader").getByRole("link", { name: CONTRACT });
  expect(await link.count()).toBe(1);
  await context.close();
});

test("without JavaScript the server gives the same credit-code message and creates nothing", async () => {
  const context = await newContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  await login(page, "admin");
  await page.waitForURL("**/admin");
  await page.goto("/admin/contractors/new");
  await page.getByLabel("企业名称").fill(`无脚本测试公司${run}`);
  await page.getByLabel("统一社会信用代码", { exact: true }).fill("91350100m000100Y43");
  await page.getByRole("button", { name: "创建", exact: true }).click();
  await page.waitForLoadState("load");
  await expect(alertWith(page, "小写字母").textContent()).resolves.toBe("统一社会信用代码含有小写字母（第 9 位“m”），请使用大写。");
  // The page kept what was typed.
  await expect(page.getByLabel("企业名称").inputValue()).resolves.toBe(`无脚本测试公司${run}`);
  await page.goto(`/admin/contractors?q=${encodeURIComponent(`无脚本测试公司${run}`)}`);
  await expect(page.getByRole("status").filter({ hasText: run }).textContent()).resolves.toContain("共 0 条");
  await context.close();
});
