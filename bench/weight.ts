/**
 * Page weight: what a phone downloads to open a page, as gzip level 6 bytes.
 *
 * Starts the production server on a fresh demo database, fetches a page and
 * collects every asset its HTML references: module scripts, modulepreload
 * links, stylesheets, the modules the inline Remix manifest names (entry and
 * the matched routes, with their imports and css), and then every module those
 * import statically (the browser fetches them before running anything).
 * Dynamic `import()` targets are not loaded with the page, so they are not
 * counted. The HTML itself is reported beside the total, not in it (it carries
 * the page's texts in the active language, see app/i18n/README.md).
 *
 * Pages: the open survey link (`/s/<token>`, zh-CN and English), the sign-in
 * page and an admin page (signed in as the demo admin), for comparison.
 * Aim (issue 8 part 6): /s/<token> ≤ 120 kB.
 *
 *   npx tsx bench/weight.ts            # or as part of `npm run bench`
 *   BENCH_WEIGHT_ASSETS=1 npx tsx bench/weight.ts   # also list every asset
 */
import { gzipSync } from "node:zlib";
import { and, eq } from "drizzle-orm";
import { createDb } from "../db/client";
import { surveyCampaigns } from "../db/schema";
import { DEMO_PASSWORD, DEMO_USERS } from "../seed/demo-data";
import { pageAssets, type Asset } from "./assets";
import type { BenchResult } from "./scoring";
import { ensureBuild, startServer } from "./server";

/** The aim for the survey page, in kB (1 kB = 1000 bytes, as Vite prints them). */
export const SURVEY_PAGE_AIM_KB = 120;

export interface PageWeight {
  name: string;
  url: string;
  status: number;
  html: { bytes: number; gzip: number };
  assets: Asset[];
  /** gzip level 6 bytes over `assets`. */
  total: number;
}

const gzip6 = (data: string) => gzipSync(data, { level: 6 }).length;

async function weigh(name: string, baseURL: string, pathname: string, cookie?: string): Promise<PageWeight> {
  const res = await fetch(baseURL + pathname, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });
  const html = await res.text();
  if (res.status !== 200) throw new Error(`bench/weight: ${name} answered ${res.status}`);
  const assets = pageAssets(html);
  return {
    name,
    url: pathname.replace(/\/s\/[^/?]+/, "/s/<token>"),
    status: res.status,
    html: { bytes: Buffer.byteLength(html), gzip: gzip6(html) },
    assets,
    total: assets.reduce((sum, a) => sum + a.gzip, 0),
  };
}

async function signIn(baseURL: string, email: string): Promise<string> {
  const body = new URLSearchParams({ email, password: DEMO_PASSWORD, redirectTo: "" });
  const res = await fetch(`${baseURL}/login`, { method: "POST", body, redirect: "manual" });
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  if (res.status !== 302 || !cookie) throw new Error(`bench/weight: signing in as ${email} answered ${res.status}`);
  return cookie;
}

/** An open campaign's public-link token from the demo data. */
async function openLinkToken(databaseUrl: string): Promise<string[]> {
  const { db, client, ready } = createDb({ url: databaseUrl });
  await ready;
  try {
    const rows = await db
      .select({ token: surveyCampaigns.openToken })
      .from(surveyCampaigns)
      .where(and(eq(surveyCampaigns.status, "open"), eq(surveyCampaigns.allowOpenLink, true)));
    return rows.map((r) => r.token);
  } finally {
    client.close();
  }
}

const kB = (bytes: number) => (bytes / 1000).toFixed(1);

export async function measureWeights(): Promise<PageWeight[]> {
  ensureBuild("bench/weight");
  const server = await startServer();
  try {
    const tokens = await openLinkToken(server.databaseUrl);
    // The first token whose page shows the questionnaire (a campaign can be open but outside its days).
    let token: string | undefined;
    for (const candidate of tokens) {
      const html = await (await fetch(`${server.baseURL}/s/${candidate}`)).text();
      if (/<form\b[^>]*method="post"/i.test(html) && html.includes('type="radio"')) {
        token = candidate;
        break;
      }
    }
    if (!token) throw new Error("bench/weight: the demo has no open survey link showing its questionnaire");
    const admin = DEMO_USERS.find((u) => u.role === "admin");
    if (!admin) throw new Error("bench/weight: the demo has no admin");
    const cookie = await signIn(server.baseURL, admin.email);
    return [
      await weigh("survey page /s/:token (zh-CN)", server.baseURL, `/s/${token}`),
      await weigh("survey page /s/:token (en)", server.baseURL, `/s/${token}?lng=en`),
      await weigh("sign-in page /login", server.baseURL, "/login"),
      await weigh("admin page /admin/contracts", server.baseURL, "/admin/contracts", cookie),
    ];
  } finally {
    await server.stop();
  }
}

export function printWeights(pages: PageWeight[], listAssets: boolean): void {
  for (const page of pages) {
    console.log(`${page.name}: ${kB(page.total)} kB gzip-6 over ${page.assets.length} assets (HTML ${kB(page.html.gzip)} kB gzip-6, not counted)`);
    if (!listAssets) continue;
    for (const a of [...page.assets].sort((x, y) => y.gzip - x.gzip)) {
      console.log(`  ${kB(a.gzip).padStart(6)} kB  ${a.path}  (${kB(a.bytes)} kB raw)`);
    }
  }
}

export async function benchWeight(): Promise<BenchResult[]> {
  const pages = await measureWeights();
  printWeights(pages, process.env.BENCH_WEIGHT_ASSETS === "1" || import.meta.url === `file://${process.argv[1]}`);
  // The summary table is about rates; weights go in the note (ops = assets counted).
  return pages.map((p) => ({
    name: `weight: ${p.name}`,
    opsPerSec: 0,
    usPerOp: 0,
    ops: p.assets.length,
    note: `${kB(p.total)} kB gzip-6 in ${p.assets.length} assets + HTML ${kB(p.html.gzip)} kB${p.url.startsWith("/s/") ? ` (aim ≤ ${SURVEY_PAGE_AIM_KB} kB: ${p.total / 1000 <= SURVEY_PAGE_AIM_KB ? "met" : "NOT met"})` : ""}`,
  }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchWeight();
}
