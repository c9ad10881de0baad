import { expect, test } from "vitest";
import { buildManifest, readAsset, routeAssets } from "../../bench/assets";
import * as admin from "../../app/i18n/locales/features/admin";
import * as survey from "../../app/i18n/locales/features/survey";

/**
 * The survey pages staff open on a phone load no admin code or texts and no
 * chart.js (issue 8 part 6). Read from the production build's Remix manifest
 * (this suite runs after `npm run build`); the page's weight itself is measured
 * by `npm run bench` (bench/weight.ts), not asserted here.
 */

const manifest = buildManifest();
const routeIds = Object.keys(manifest.routes);
const SURVEY_PAGES = ["routes/s.$token", "routes/i.$code", "routes/invite"];
const contents = (files: string[]) => files.map((f) => readAsset(f).toString("utf8")).join("\n");

/** Long admin-only and survey-only texts: markers that cannot appear by chance. */
const ADMIN_TEXTS = [admin.zhCN.dashboard.intro, admin.zhCN.contractors.creditCodeHint, admin.en.dashboard.intro];
const SURVEY_TEXTS = [survey.zhCN.form.intro, survey.en.form.intro];
const CHART_JS = "Chart.js v";
/** A class name zod keeps in every build (minifiers keep string literals). */
const ZOD = "ZodError";

test.each(SURVEY_PAGES)("%s loads neither admin texts nor chart.js nor any chunk only admin routes use", (id) => {
  const files = routeAssets(manifest, ["root", id]);
  const code = contents(files);
  for (const text of [...ADMIN_TEXTS, ...SURVEY_TEXTS]) expect(code).not.toContain(text); // texts come with the HTML
  expect(files.filter((f) => f.startsWith("/assets/texts-"))).toEqual([]);
  expect(code).not.toContain(CHART_JS);
  // The questionnaire's check (zod) loads on the first submit, not with the page
  // (/invite, a one-field code form, validates with the shared form pipeline).
  if (id !== "routes/invite") expect(code).not.toContain(ZOD);

  const adminOnly = new Set(routeAssets(manifest, routeIds.filter((r) => r.startsWith("routes/admin"))));
  for (const other of routeIds.filter((r) => !r.startsWith("routes/admin"))) {
    for (const f of routeAssets(manifest, [other])) adminOnly.delete(f);
  }
  expect(adminOnly.size, "the admin routes have code of their own").toBeGreaterThan(0);
  expect(files.filter((f) => adminOnly.has(f))).toEqual([]);
});

test("the markers are real: the text chunks hold the texts and the campaign monitor loads chart.js", () => {
  const chunks = contents(textChunks());
  expect(chunks.length).toBeGreaterThan(0);
  for (const text of [...ADMIN_TEXTS, ...SURVEY_TEXTS]) expect(chunks).toContain(text);
  expect(contents(routeAssets(manifest, ["root", "routes/supervisor.surveys.$campaignId._index"]))).toContain(CHART_JS);
  expect(contents(routeAssets(manifest, ["root", "routes/admin.contracts.new"]))).toContain(ZOD);
});

/** The supervision dashboard and a contract's trend draw their charts: chart.js comes with these routes (and, above, not with the survey pages). */
test.each(["routes/supervisor.scores._index", "routes/supervisor.scores.$contractId._index"])("%s loads chart.js", (id) => {
  expect(routeIds).toContain(id);
  expect(contents(routeAssets(manifest, ["root", id]))).toContain(CHART_JS);
  // Not through the root: a page without charts (the supervisor home) stays without it.
  expect(contents(routeAssets(manifest, ["root", "routes/supervisor._index"]))).not.toContain(CHART_JS);
});

function textChunks(): string[] {
  // Lazy chunks are not in the manifest's imports: the browser's i18n loader (in the entry) names them.
  const entry = readAsset(manifest.entry.module).toString("utf8");
  return [...entry.matchAll(/["'](?:\.\/|\/assets\/)(texts-[\w-]+\.js)["']/g)].map((m) => `/assets/${m[1]}`);
}
